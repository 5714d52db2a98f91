import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import type { ExecutionStatus } from '@baton/engine';

export const EXECUTION_STATUSES: readonly ExecutionStatus[] = [
  'pending',
  'running',
  'paused',
  'completed',
  'failed',
  'cancelled',
];
export const FAILURE_GROUP_KEYS = ['workflow', 'error'] as const;
export const EXECUTION_PAGE_SIZE = { default: 20, max: 100 } as const;

/** `status=failed,cancelled` and `status=failed&status=cancelled` both mean "either". */
const splitList = ({ value }: { value: unknown }) =>
  value === undefined
    ? undefined
    : [value]
        .flat()
        .flatMap((v) => String(v).split(','))
        .map((v) => v.trim());

export class ListExecutionsQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only executions of this workflow' })
  @IsOptional()
  @IsUUID(undefined, { message: 'workflowId must be a UUID' })
  workflowId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Alias of `workflowId`' })
  @IsOptional()
  @IsUUID(undefined, { message: 'workflow must be a UUID' })
  workflow?: string;

  @ApiPropertyOptional({
    type: String,
    example: 'failed,cancelled',
    description: `One status or several, comma-separated: ${EXECUTION_STATUSES.join(', ')}`,
  })
  @IsOptional()
  @Transform(splitList)
  @ArrayMaxSize(EXECUTION_STATUSES.length)
  @IsIn(EXECUTION_STATUSES, {
    each: true,
    message: `status must be one or more of ${EXECUTION_STATUSES.join(', ')}, comma-separated`,
  })
  status?: ExecutionStatus[];

  @ApiPropertyOptional({
    type: String,
    example: 'workflow,error',
    description:
      'Adds `groups` to the answer: the executions of the whole filter (failed ones when `status` is not given) ' +
      'counted by `workflow`, `error` or both, comma-separated, biggest group first (at most 100). ' +
      '`status=failed` alone is grouped by `workflow,error` without asking (on the first page)',
  })
  @IsOptional()
  @Transform(splitList)
  @ArrayMaxSize(FAILURE_GROUP_KEYS.length)
  @IsIn(FAILURE_GROUP_KEYS, { each: true, message: 'groupBy must be workflow, error or workflow,error' })
  groupBy?: Array<'workflow' | 'error'>;

  @ApiPropertyOptional({ description: 'Only executions carrying this tag' })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  tag?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only the child executions this execution started' })
  @IsOptional()
  @IsUUID(undefined, { message: 'parentExecutionId must be a UUID' })
  parentExecutionId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Created at or after this ISO 8601 timestamp' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO 8601 timestamp' })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Created before this ISO 8601 timestamp' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO 8601 timestamp' })
  to?: string;

  @ApiPropertyOptional({ description: 'The `nextCursor` of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: EXECUTION_PAGE_SIZE.max, default: EXECUTION_PAGE_SIZE.default })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(EXECUTION_PAGE_SIZE.max)
  limit?: number;
}
