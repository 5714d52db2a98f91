import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ExecutionStepDto {
  @ApiProperty() stepId: string;
  @ApiProperty() nodeId: string;
  @ApiProperty({ enum: ['pending', 'running', 'completed', 'failed', 'skipped', 'retrying', 'cancelled'] })
  status: string;
  @ApiProperty() attempt: number;
  @ApiPropertyOptional() input: unknown;
  @ApiPropertyOptional() output: unknown;
  @ApiPropertyOptional({ type: 'object', nullable: true, additionalProperties: true }) error: unknown;
  @ApiProperty({
    type: [String],
    nullable: true,
    description: 'Output handles the settled step left on (e.g. ["true"], ["error"]); null while open',
  })
  handles: string[] | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) startedAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) endedAt: string | null;
  @ApiProperty({ type: Number, nullable: true }) durationMs: number | null;
}

/** A child execution as its parent's detail links it. */
export class ChildExecutionLinkDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) workflowId: string | null;
  @ApiProperty({ enum: ['pending', 'running', 'paused', 'completed', 'failed', 'cancelled'] }) status: string;
  @ApiProperty({ nullable: true, type: String, description: 'The parent step that started it' }) parentStepId:
    string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ExecutionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) workflowId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) workflowVersionId: string | null;
  @ApiProperty() format: string;
  @ApiProperty({ enum: ['pending', 'running', 'paused', 'completed', 'failed', 'cancelled'] }) status: string;
  @ApiProperty({ enum: ['immediate', 'queued'] }) mode: string;
  @ApiProperty({
    enum: ['express', 'standard'],
    description: 'express: written once when it ended; standard: journaled step by step',
  })
  durability: string;
  @ApiProperty({ description: 'What started it: manual, api, cron, webhook, form, once, retry...' }) trigger: string;
  @ApiProperty({ description: 'Queue priority; 0 = default' }) priority: number;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiPropertyOptional() input: unknown;
  @ApiPropertyOptional() output: unknown;
  @ApiProperty({ type: String, nullable: true, description: 'Error name, e.g. NODE_TIMEOUT or States.Timeout' }) error:
    string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Readable cause of the error' }) cause: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) startedAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) endedAt: string | null;
  @ApiProperty({ type: Number, nullable: true }) durationMs: number | null;
  @ApiProperty({ type: [ExecutionStepDto] }) steps: ExecutionStepDto[];
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'The execution whose step started this one (sub-workflow, states:startExecution)',
  })
  parentExecutionId: string | null;
  @ApiProperty({ nullable: true, type: String, description: "The parent's step that started this one" })
  parentStepId: string | null;
  @ApiPropertyOptional({
    type: [ChildExecutionLinkDto],
    description:
      'Only on GET /api/executions/:id: the latest 100 child executions this one started, newest first ' +
      '(all of them: GET /api/executions?parentExecutionId=)',
  })
  children?: ChildExecutionLinkDto[];
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The frozen definition this execution runs (its version, not the workflow as edited since)',
  })
  definition: unknown;
}
