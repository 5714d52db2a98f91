import { io, type Socket } from 'socket.io-client';
import { eventually } from '../support/api-client';

/** The wire shape of `execution.event` (apps/api/src/live-events/live-event.ts). */
export interface WireEvent {
  executionId: string;
  workflowId: string | null;
  workspaceId: string;
  sequence: number;
  type: string;
  stepId?: string;
  attempt?: number;
  data?: Record<string, unknown>;
  timestamp: string;
}

export type Ack = { ok: true; room: string; replayed?: number } | { ok: false; error: string; message: string };

/** A socket.io client that records every `execution.event` it receives, in arrival order. */
export class LiveClient {
  readonly events: WireEvent[] = [];

  private constructor(readonly socket: Socket) {
    socket.on('execution.event', (event: WireEvent) => this.events.push(event));
  }

  /** Connects with `auth.token`; rejects with the server's `connect_error`. */
  static connect(baseUrl: string, token: string | undefined): Promise<LiveClient> {
    const socket = io(baseUrl, {
      auth: token === undefined ? {} : { token },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(new LiveClient(socket)));
      socket.once('connect_error', (error) => {
        socket.close();
        reject(error);
      });
    });
  }

  subscribe(payload: unknown): Promise<Ack> {
    return this.socket.timeout(10_000).emitWithAck('subscribe', payload);
  }

  unsubscribe(payload: unknown): Promise<Ack> {
    return this.socket.timeout(10_000).emitWithAck('unsubscribe', payload);
  }

  of(executionId: string): WireEvent[] {
    return this.events.filter((e) => e.executionId === executionId);
  }

  /** Waits until this client has received the execution's `completed`/`failed`/`cancelled` event. */
  async untilTerminal(executionId: string, timeoutMs = 30_000): Promise<WireEvent[]> {
    try {
      return await eventually(
        async () => {
          const events = this.of(executionId);
          return events.some((e) => ['completed', 'failed', 'cancelled'].includes(e.type)) ? events : undefined;
        },
        timeoutMs,
        50,
      );
    } catch (error) {
      const seen = this.of(executionId).map((e) => `${e.sequence}:${e.type}`);
      throw new Error(
        `${(error as Error).message}; execution ${executionId} events so far: ${seen.join(', ') || 'none'}`,
      );
    }
  }

  close(): void {
    this.socket.close();
  }
}

/** `type` or `type:stepId`, the readable form of an event stream. */
export const labels = (events: WireEvent[]) => events.map((e) => (e.stepId ? `${e.type}:${e.stepId}` : e.type));
export const sequences = (events: WireEvent[]) => events.map((e) => e.sequence);
