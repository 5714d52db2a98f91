import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { WORKFLOW_STATUSES, type WorkflowStatus } from '@baton/persistence';
import { WORKFLOW_LIMITS } from './workflow-limits';

export class ListWorkflowsQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: WORKFLOW_LIMITS.pageSize, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(WORKFLOW_LIMITS.pageSize)
  limit?: number;

  @ApiPropertyOptional({ description: 'The `nextCursor` of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;

  @ApiPropertyOptional({ enum: WORKFLOW_STATUSES })
  @IsOptional()
  @IsIn(WORKFLOW_STATUSES)
  status?: WorkflowStatus;

  @ApiPropertyOptional({ description: 'Only workflows carrying this tag' })
  @IsOptional()
  @IsString()
  @Length(1, WORKFLOW_LIMITS.tagLength)
  tag?: string;

  @ApiPropertyOptional({ description: 'Case-insensitive substring of the name' })
  @IsOptional()
  @IsString()
  @Length(1, WORKFLOW_LIMITS.searchLength)
  search?: string;
}
