import type { ExecutionEvent } from '@baton/engine';
import type { ExecutionLogEntryDto } from './dto/execution-log.dto';
import type { ExecutionLogItem } from './step-logs/attach-step-logs';

export function toExecutionLogEntryDto(item: ExecutionLogItem): ExecutionLogEntryDto {
  const entry = toEventEntry(item.event);
  if (!item.lines?.length) return entry;
  return {
    ...entry,
    logs: item.lines.map((line) => ({
      level: line.level,
      message: line.message,
      ...(line.data !== undefined ? { data: line.data } : {}),
      timestamp: line.loggedAt.toISOString(),
    })),
  };
}

function toEventEntry(event: ExecutionEvent): ExecutionLogEntryDto {
  return {
    sequence: event.sequence,
    type: event.type,
    ...(event.stepId !== undefined && event.stepId !== null ? { stepId: event.stepId } : {}),
    ...(event.attempt !== undefined && event.attempt !== null ? { attempt: event.attempt } : {}),
    ...(event.data !== undefined && event.data !== null ? { data: event.data } : {}),
    timestamp: event.timestamp.toISOString(),
  };
}
