import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FailureGroupDto } from '../../operations/dead-letters/failure-group.dto';
import { EXECUTION_STATUSES } from './list-executions.query.dto';

/** An execution as the list shows it: no definition, input, output or steps. */
export class ExecutionSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Null for a run of an unsaved definition' })
  workflowId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) workflowVersionId: string | null;
  @ApiProperty({ enum: EXECUTION_STATUSES }) status: string;
  @ApiProperty({ enum: ['immediate', 'queued'] }) mode: string;
  @ApiProperty({
    enum: ['express', 'standard'],
    description: 'express: written once when it ended; standard: journaled step by step',
  })
  durability: string;
  @ApiProperty({ example: 'manual', description: 'What started the run: manual, api, schedule, webhook, ...' })
  trigger: string;
  @ApiProperty({ description: 'Queue priority (0: normal)' }) priority: number;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ type: String, nullable: true, description: 'Error name, e.g. NODE_TIMEOUT or States.Timeout' }) error:
    string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Readable cause of the error' }) cause: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) startedAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) endedAt: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'endedAt - startedAt, once both are known' }) durationMs:
    number | null;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'The execution whose step started this one (sub-workflow, states:startExecution)',
  })
  parentExecutionId: string | null;
  @ApiProperty({ nullable: true, type: String, description: "The parent's step that started this one" })
  parentStepId: string | null;
}

export class ExecutionPageDto {
  @ApiProperty({ type: [ExecutionSummaryDto], description: 'Newest first' }) items: ExecutionSummaryDto[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next page; null on the last page',
  })
  nextCursor: string | null;
  @ApiPropertyOptional({ type: [FailureGroupDto], description: 'Only with `groupBy`: counts over the whole filter' })
  groups?: FailureGroupDto[];
}
