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

export class ExecutionLogEntryDto {
  @ApiProperty({ description: '1, 2, 3... per execution, gap-free, in commit order' }) sequence: number;
  @ApiProperty({ enum: EXECUTION_EVENT_TYPES }) type: string;
  @ApiPropertyOptional() stepId?: string;
  @ApiPropertyOptional() attempt?: number;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) data?: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) timestamp: string;
}
