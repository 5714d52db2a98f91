import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Length,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { WORKFLOW_FORMATS, WORKFLOW_STATUSES, type WorkflowFormat, type WorkflowStatus } from '@baton/persistence';
import { WORKFLOW_LIMITS } from './workflow-limits';
import { WorkflowSettingsDto } from './workflow-settings.dto';

export class CreateWorkflowDto {
  @ApiProperty({ maxLength: WORKFLOW_LIMITS.nameLength, example: 'Order intake' })
  @IsString()
  @Length(1, WORKFLOW_LIMITS.nameLength)
  name: string;

  @ApiPropertyOptional({ maxLength: WORKFLOW_LIMITS.descriptionLength })
  @IsOptional()
  @IsString()
  @MaxLength(WORKFLOW_LIMITS.descriptionLength)
  description?: string;

  @ApiProperty({
    enum: WORKFLOW_FORMATS,
    description: '`graph` (the visual editor document) or `asl` (an Amazon States Language state machine, verbatim)',
  })
  @IsIn(WORKFLOW_FORMATS)
  format: WorkflowFormat;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'graph: `{ nodes: [{ id, type, position, data: { inputs } }], edges: [{ id, source, target, sourceHandle, targetHandle }] }`; asl: `{ StartAt, States, ... }`',
  })
  @IsObject()
  definition: Record<string, unknown>;

  @ApiPropertyOptional({ enum: WORKFLOW_STATUSES, default: 'draft' })
  @IsOptional()
  @IsIn(WORKFLOW_STATUSES)
  status?: WorkflowStatus;

  @ApiPropertyOptional({ type: [String], maxItems: WORKFLOW_LIMITS.tags })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(WORKFLOW_LIMITS.tags)
  @IsString({ each: true })
  @Length(1, WORKFLOW_LIMITS.tagLength, { each: true })
  tags?: string[];

  @ApiPropertyOptional({
    type: WorkflowSettingsDto,
    description: 'Start limits; a field left out keeps its value (unlimited on create), null clears it',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => WorkflowSettingsDto)
  settings?: WorkflowSettingsDto;
}
