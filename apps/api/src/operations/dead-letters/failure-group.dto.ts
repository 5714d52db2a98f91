import { ApiProperty } from '@nestjs/swagger';

/** One group of `GET /api/executions?groupBy=workflow,error`: executions sharing workflow and error. */
export class FailureGroupDto {
  @ApiProperty({
    format: 'uuid',
    type: String,
    nullable: true,
    description: 'Null: runs of unsaved definitions, or not grouped by workflow',
  })
  workflowId: string | null;
  @ApiProperty({ type: String, nullable: true }) workflowName: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The error name; null: none recorded, or not grouped by error',
  })
  error: string | null;
  @ApiProperty({ description: 'Executions in the group (over the whole filter, not one page)' }) count: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) firstEndedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastEndedAt: string | null;
  @ApiProperty({ format: 'uuid', description: 'The newest execution of the group' }) latestExecutionId: string;
}
