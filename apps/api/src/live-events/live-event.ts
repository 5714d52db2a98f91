import type { ExecutionEvent, ExecutionEventType } from '@baton/engine';

/** Which workspace and workflow an execution belongs to; fixed for the execution's life. */
export interface ExecutionScope {
  executionId: string;
  workspaceId: string;
  workflowId: string | null;
}

/**
 * An execution event as clients receive it (socket.io `execution.event`, SSE `data:`): the
 * engine's event plus the ids a subscriber filters on. JSON-safe, so every adapter can carry it.
 */
export interface LiveEvent {
  executionId: string;
  workflowId: string | null;
  workspaceId: string;
  /** 1, 2, 3... per execution, gap-free, in commit order. */
  sequence: number;
  type: ExecutionEventType;
  stepId?: string;
  attempt?: number;
  data?: Record<string, unknown>;
  /** ISO 8601. */
  timestamp: string;
}

/** The socket.io event name clients listen to, and the server-to-server channel between processes. */
export const LIVE_EVENT = 'execution.event';

const TERMINAL_TYPES: ReadonlySet<ExecutionEventType> = new Set(['completed', 'failed', 'cancelled']);

/** After one of these the execution stays quiet unless someone redrives it. */
export function isTerminalEvent(event: Pick<LiveEvent, 'type'>): boolean {
  return TERMINAL_TYPES.has(event.type);
}

export function toLiveEvent(event: ExecutionEvent, scope: ExecutionScope): LiveEvent {
  return {
    executionId: event.executionId,
    workflowId: scope.workflowId,
    workspaceId: scope.workspaceId,
    sequence: event.sequence,
    type: event.type,
    // The store returns null for absent columns; clients get the field omitted, as in /logs.
    ...(event.stepId !== undefined && event.stepId !== null ? { stepId: event.stepId } : {}),
    ...(event.attempt !== undefined && event.attempt !== null ? { attempt: event.attempt } : {}),
    ...(event.data !== undefined && event.data !== null ? { data: event.data } : {}),
    timestamp: new Date(event.timestamp).toISOString(),
  };
}
