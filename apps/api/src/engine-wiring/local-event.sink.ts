import { Injectable } from '@nestjs/common';
import { EventSink, type ExecutionEvent } from '@baton/engine';
import { EventEmitter } from 'node:events';

/**
 * Hands committed execution events to listeners in this process (immediate-mode waiters, and
 * the WebSocket gateway). Events are already durable in `execution_events`; this is the live feed.
 */
@Injectable()
export class LocalEventSink extends EventSink {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  async publish(event: ExecutionEvent): Promise<void> {
    this.emitter.emit('event', event);
  }

  subscribe(listener: (event: ExecutionEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}
