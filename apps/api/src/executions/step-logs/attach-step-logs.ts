import type { ExecutionEvent } from '@baton/engine';
import type { StepLogRecord } from '@baton/persistence';

/** An event of `GET /api/executions/:id/logs`; an attempt's end event carries the lines it logged. */
export interface ExecutionLogItem {
  event: ExecutionEvent;
  lines?: StepLogRecord[];
}

const ATTEMPT_END_TYPES = new Set(['step_completed', 'step_failed', 'step_retrying']);

/** The attempts these events end (the ones whose lines go with them). */
export function attemptsEndedBy(events: readonly ExecutionEvent[]): Array<{ stepId: string; attempt: number }> {
  return events
    .filter((e) => ATTEMPT_END_TYPES.has(e.type) && e.stepId && typeof e.attempt === 'number')
    .map((e) => ({ stepId: e.stepId!, attempt: e.attempt! }));
}

/**
 * Each attempt's lines on the event that ended it. Lines are written before their attempt's end
 * commits, so a reader that has seen sequence N (`afterSequence`) has seen every line of the
 * attempts ended by then, and events keep their own gap-free sequence.
 */
export function attachStepLogs(events: readonly ExecutionEvent[], lines: readonly StepLogRecord[]): ExecutionLogItem[] {
  const byAttempt = new Map<string, StepLogRecord[]>();
  for (const line of lines) {
    const key = `${line.stepId}\u0000${line.attempt}`;
    byAttempt.set(key, [...(byAttempt.get(key) ?? []), line]);
  }
  return events.map((event) => {
    if (!ATTEMPT_END_TYPES.has(event.type)) return { event };
    const key = `${event.stepId}\u0000${event.attempt}`;
    const own = byAttempt.get(key);
    // An attempt's end may be recorded twice (an ASL container); its lines go with the first.
    byAttempt.delete(key);
    return own ? { event, lines: own } : { event };
  });
}
