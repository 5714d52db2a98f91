import type { ExecutionEvent } from '@baton/engine';
import type { ExecutionLogEntryDto } from './dto/execution-log.dto';

export function toExecutionLogEntryDto(event: ExecutionEvent): ExecutionLogEntryDto {
  return {
    sequence: event.sequence,
    type: event.type,
    ...(event.stepId !== undefined && event.stepId !== null ? { stepId: event.stepId } : {}),
    ...(event.attempt !== undefined && event.attempt !== null ? { attempt: event.attempt } : {}),
    ...(event.data !== undefined && event.data !== null ? { data: event.data } : {}),
    timestamp: event.timestamp.toISOString(),
  };
}
