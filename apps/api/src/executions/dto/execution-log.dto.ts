import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const EXECUTION_EVENT_TYPES = [
  'started',
  'step_started',
  'step_completed',
  'step_failed',
  'step_retrying',
  'paused',
  'resumed',
  'completed',
  'failed',
  'cancelled',
] as const;

export class ExecutionLogsQueryDto {
  @ApiPropertyOptional({
    minimum: 0,
    description: 'Only events with a larger sequence number (the last one already seen)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(2_147_483_647)
  afterSequence?: number;
}

/** One `ctx.log` line of a step attempt, as stored (redacted and bounded). */
export class StepLogLineDto {
  @ApiProperty({ enum: ['debug', 'info', 'warn', 'error'] }) level: string;
  @ApiProperty({ maxLength: 2000 }) message: string;
  @ApiPropertyOptional({ description: 'The data logged with it (at most 8 KiB of JSON, else a note of its size)' })
  data?: unknown;
  @ApiProperty({ format: 'date-time' }) timestamp: string;
}

export class ExecutionLogEntryDto {
  @ApiProperty({ description: '1, 2, 3... per execution, gap-free, in commit order' }) sequence: number;
  @ApiProperty({ enum: EXECUTION_EVENT_TYPES }) type: string;
  @ApiPropertyOptional() stepId?: string;
  @ApiPropertyOptional() attempt?: number;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) data?: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) timestamp: string;

  @ApiPropertyOptional({
    type: [StepLogLineDto],
    description:
      'On step_completed, step_failed and step_retrying: what that attempt logged through ctx.log (at most 200 lines), oldest first',
  })
  logs?: StepLogLineDto[];
}
