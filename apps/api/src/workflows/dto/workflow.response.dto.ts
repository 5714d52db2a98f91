import { ApiProperty } from '@nestjs/swagger';
import { WORKFLOW_FORMATS, WORKFLOW_STATUSES, type WorkflowFormat, type WorkflowStatus } from '@baton/persistence';

export class WorkflowSettingsResponseDto {
  @ApiProperty({ type: Number, nullable: true, description: 'Null: unlimited' }) maxConcurrentExecutions: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Null: unlimited' }) maxStartsPerMinute: number | null;
}

export class WorkflowSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty({ enum: WORKFLOW_FORMATS }) format: WorkflowFormat;
  @ApiProperty({ enum: WORKFLOW_STATUSES }) status: WorkflowStatus;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ description: 'Number of the latest version' }) currentVersion: number;
  @ApiProperty({ type: WorkflowSettingsResponseDto }) settings: WorkflowSettingsResponseDto;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class WorkflowDto extends WorkflowSummaryDto {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The definition of the current version' })
  definition: unknown;
}

export class WorkflowPageDto {
  @ApiProperty({ type: [WorkflowSummaryDto] }) items: WorkflowSummaryDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page' })
  nextCursor: string | null;
}

export class WorkflowVersionSummaryDto {
  @ApiProperty() version: number;
  @ApiProperty() name: string;
  @ApiProperty({ enum: WORKFLOW_FORMATS }) format: WorkflowFormat;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) createdBy: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class WorkflowVersionDto extends WorkflowVersionSummaryDto {
  @ApiProperty({ format: 'uuid' }) workflowId: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) definition: unknown;
}
