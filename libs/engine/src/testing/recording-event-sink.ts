import type { ExecutionEvent } from '../execution/execution-record.js';
import { EventSink } from '../ports/event-sink.port.js';

/** Keeps published events for assertions. */
export class RecordingEventSink extends EventSink {
  readonly events: ExecutionEvent[] = [];

  async publish(event: ExecutionEvent): Promise<void> {
    this.events.push(event);
  }

  /** `type` or `type:stepId` per event of one execution, in publish order. */
  trail(executionId: string): string[] {
    return this.events
      .filter((event) => event.executionId === executionId)
      .map((event) => (event.stepId ? `${event.type}:${event.stepId}` : event.type));
  }
}
