import { ApiProperty } from '@nestjs/swagger';
import { FailureNotificationSettingsDto } from './failure-notification-settings.dto';
import { WORKFLOW_FORMATS, WORKFLOW_STATUSES, type WorkflowFormat, type WorkflowStatus } from '@baton/persistence';

export class WorkflowSettingsResponseDto {
  @ApiProperty({ type: Number, nullable: true, description: 'Null: unlimited' }) maxConcurrentExecutions: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Null: unlimited' }) maxStartsPerMinute: number | null;
  @ApiProperty({ enum: ['express', 'standard'], nullable: true, description: 'Null: chosen per start' })
  durability: 'express' | 'standard' | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Null: the installation default (BATON_RETENTION_DAYS)' })
  retentionDays: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Null: never listed as stuck for its duration' })
  expectedDurationSeconds: number | null;
  @ApiProperty({ type: FailureNotificationSettingsDto, nullable: true, description: 'Null: failures notify nobody' })
  onFailure: FailureNotificationSettingsDto | null;
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

export class LastExecutionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['pending', 'running', 'paused', 'completed', 'failed', 'cancelled'] }) status: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

/** A row of the workflow list: the summary plus its last run and next scheduled run. */
export class WorkflowListItemDto extends WorkflowSummaryDto {
  @ApiProperty({ type: LastExecutionDto, nullable: true, description: 'The newest execution; null if it never ran' })
  lastExecution: LastExecutionDto | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Earliest next run of its enabled cron and one-time triggers; null unless the workflow is active',
  })
  nextRunAt: string | null;
}

export class WorkflowPageDto {
  @ApiProperty({ type: [WorkflowListItemDto] }) items: WorkflowListItemDto[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next page; null on the last page',
  })
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
