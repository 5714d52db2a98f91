import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Server } from 'socket.io';
import { LIVE_EVENT, type LiveEvent } from './live-event';
import { LiveEventSubscriptions } from './live-event-subscriptions.service';
import { LIVE_EVENTS_TRANSPORT, type LiveEventsTransport } from './live-events.transport';

/** The server-to-server channel carrying several events at once, in publish order. */
export const LIVE_EVENT_BATCH = 'execution.events';

// A full batch goes out at once rather than waiting for the window to close.
const MAX_BATCH = 500;
// How long events for other processes may wait to share one adapter message: short for a
// person watching, long enough that a burst of short runs costs a few publishes, not one per step.
const BATCH_WINDOW_MS = 5;

/**
 * Sends committed events to every subscriber in the cluster: straight to this process's own
 * subscribers, and through the socket.io adapter (serverSideEmit, which skips the sender) to
 * every other process's. A worker has no subscribers, only a headless server to emit from.
 *
 * Events for other processes are batched for up to BATCH_WINDOW_MS: one adapter message (one
 * Redis or PostgreSQL publish) carries every event of the window, where one per event made the
 * publish the largest single cost of a short run. Order is kept; subscribers here get each
 * event at once.
 */
@Injectable()
export class LiveEventPublisher {
  private server: Server | null = null;
  private pending: LiveEvent[] = [];
  private flushScheduled = false;

  constructor(
    @Inject(LIVE_EVENTS_TRANSPORT) private readonly transport: LiveEventsTransport,
    @Optional() private readonly subscriptions?: LiveEventSubscriptions,
  ) {}

  /** Called once the socket.io server exists (gateway init, or the worker's headless server). */
  useServer(server: Server): void {
    if (this.transport.adapter) server.adapter(this.transport.adapter);
    this.server = server;
    // Events published by other processes arrive here (single events from older processes too).
    if (this.subscriptions) {
      server.on(LIVE_EVENT, (event: LiveEvent) => this.subscriptions?.dispatch(event));
      server.on(LIVE_EVENT_BATCH, (events: LiveEvent[]) => {
        for (const event of events) this.subscriptions?.dispatch(event);
      });
    }
  }

  /** Shutdown: what is queued goes out now; later events stay in the journal only. */
  stop(): void {
    this.flush();
    this.server = null;
  }

  publish(event: LiveEvent): void {
    this.subscriptions?.dispatch(event);
    // The in-memory adapter has no other servers to reach (and warns on serverSideEmit).
    if (!this.transport.adapter || !this.server) return;
    this.pending.push(event);
    if (this.pending.length >= MAX_BATCH) this.flush();
    else if (!this.flushScheduled) {
      this.flushScheduled = true;
      setTimeout(() => this.flush(), BATCH_WINDOW_MS).unref();
    }
  }

  private flush(): void {
    this.flushScheduled = false;
    if (!this.pending.length) return;
    const events = this.pending;
    this.pending = [];
    this.server?.serverSideEmit(LIVE_EVENT_BATCH, events);
  }
}
