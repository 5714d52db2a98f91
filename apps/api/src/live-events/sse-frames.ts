import type { LiveEvent } from './live-event';

/**
 * One Server-Sent Events message per execution event. `id` is the sequence number, so a browser
 * EventSource reconnects with `Last-Event-ID` and resumes exactly after it. No `event:` field:
 * every event arrives on `onmessage` and carries its own `type`.
 */
export function sseEventFrame(event: LiveEvent): string {
  return `id: ${event.sequence}\ndata: ${JSON.stringify(event)}\n\n`;
}

/** A comment line: keeps proxies and load balancers from closing an idle stream. */
export const SSE_HEARTBEAT_FRAME = ': heartbeat\n\n';

/** Sent first: how long an EventSource waits before reconnecting after a drop. */
export const SSE_RETRY_FRAME = 'retry: 2000\n\n';
