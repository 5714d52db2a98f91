import type { ExecutionEvent } from '../execution/execution-record.js';

/** Which workspace and workflow an event's execution belongs to, handed over with every event. */
export interface EventScope {
  workspaceId: string;
  workflowId: string | null;
}

/**
 * Receives execution events after they are committed, in sequence order per execution. The
 * scope comes with each event so a sink never has to read the execution to route it (an express
 * run has no row to read until it ends).
 */
export abstract class EventSink {
  abstract publish(event: ExecutionEvent, scope: EventScope): Promise<void>;
}
