import { ApiPropertyOptional } from '@nestjs/swagger';
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

/** Every accepted update creates a new immutable version, even one that only renames. */
export class UpdateWorkflowDto {
  @ApiPropertyOptional({ maxLength: WORKFLOW_LIMITS.nameLength })
  @IsOptional()
  @IsString()
  @Length(1, WORKFLOW_LIMITS.nameLength)
  name?: string;

  @ApiPropertyOptional({ maxLength: WORKFLOW_LIMITS.descriptionLength })
  @IsOptional()
  @IsString()
  @MaxLength(WORKFLOW_LIMITS.descriptionLength)
  description?: string;

  @ApiPropertyOptional({
    enum: WORKFLOW_FORMATS,
    description: 'Changing the format requires a definition of the new format',
  })
  @IsOptional()
  @IsIn(WORKFLOW_FORMATS)
  format?: WorkflowFormat;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptional()
  @IsObject()
  definition?: Record<string, unknown>;

  @ApiPropertyOptional({ enum: WORKFLOW_STATUSES })
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
