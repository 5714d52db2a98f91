import { Injectable } from '@nestjs/common';
import { EventSink, type EventScope, type ExecutionEvent } from '@baton/engine';
import { toLiveEvent } from '../live-events/live-event';
import { LiveEventPublisher } from '../live-events/live-event.publisher';
import { LocalEventSink } from './local-event.sink';

/**
 * The engine's EventSink: in-process listeners first (LocalEventSink), then every socket and
 * SSE subscriber in the cluster. The journal calls it after the event's transaction committed,
 * which is what lets subscribers repair a gap from the store (execution-event-cursor.ts).
 */
@Injectable()
export class LiveEventSink extends EventSink {
  constructor(
    private readonly local: LocalEventSink,
    private readonly live: LiveEventPublisher,
  ) {
    super();
  }

  async publish(event: ExecutionEvent, scope: EventScope): Promise<void> {
    await this.local.publish(event);
    this.live.publish(toLiveEvent(event, { executionId: event.executionId, ...scope }));
  }
}
