import type { ExecutionEvent } from '../execution/execution-record.js';

/** Receives execution events after they are committed, in sequence order per execution. */
export abstract class EventSink {
  abstract publish(event: ExecutionEvent): Promise<void>;
}
