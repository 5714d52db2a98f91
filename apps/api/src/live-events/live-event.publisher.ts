import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Server } from 'socket.io';
import { LIVE_EVENT, type LiveEvent } from './live-event';
import { LiveEventSubscriptions } from './live-event-subscriptions.service';
import { LIVE_EVENTS_TRANSPORT, type LiveEventsTransport } from './live-events.transport';

/**
 * Sends committed events to every subscriber in the cluster: straight to this process's own
 * subscribers, and through the socket.io adapter (serverSideEmit, which skips the sender) to
 * every other process's. A worker has no subscribers, only a headless server to emit from.
 */
@Injectable()
export class LiveEventPublisher {
  private server: Server | null = null;

  constructor(
    @Inject(LIVE_EVENTS_TRANSPORT) private readonly transport: LiveEventsTransport,
    @Optional() private readonly subscriptions?: LiveEventSubscriptions,
  ) {}

  /** Called once the socket.io server exists (gateway init, or the worker's headless server). */
  useServer(server: Server): void {
    if (this.transport.adapter) server.adapter(this.transport.adapter);
    this.server = server;
    // Events published by other processes arrive here.
    if (this.subscriptions) server.on(LIVE_EVENT, (event: LiveEvent) => this.subscriptions?.dispatch(event));
  }

  /** Shutdown: the transport is about to close; later events stay in the journal only. */
  stop(): void {
    this.server = null;
  }

  publish(event: LiveEvent): void {
    this.subscriptions?.dispatch(event);
    // The in-memory adapter has no other servers to reach (and warns on serverSideEmit).
    if (this.transport.adapter) this.server?.serverSideEmit(LIVE_EVENT, event);
  }
}
