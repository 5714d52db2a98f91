import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import { io, type Socket } from 'socket.io-client';
import type { ExecutionLogEntryDto } from '../api/generated/models/execution-log-entry-dto';
import { SessionStore } from '../core/session.store';

/** One engine event as the gateway sends it (README "Live events"): the log entry plus its scope. */
export interface LiveExecutionEvent extends ExecutionLogEntryDto {
  readonly executionId: string;
  readonly workflowId: string | null;
}

export type LiveTopic =
  { readonly executionId: string; readonly afterSequence?: number } | { readonly workspace: true };

/** `live`: socket connected and subscribed; `polling`: the gateway is unreachable, stores refresh on a timer. */
export type LiveMode = 'connecting' | 'live' | 'polling';

/**
 * The only owner of the socket.io connection to the API's gateway. Authenticates with the
 * session's token in the handshake (`auth.token`), subscribes to one topic, and hands each event
 * to the store in arrival order (the gateway delivers an execution's events in sequence order and
 * replays missed ones after `afterSequence`). Provided per page, so leaving a page disconnects.
 */
@Injectable()
export class LiveExecutionEvents {
  private readonly session = inject(SessionStore);
  private socket: Socket | null = null;
  private readonly _mode = signal<LiveMode>('connecting');
  readonly mode = this._mode.asReadonly();

  constructor() {
    inject(DestroyRef).onDestroy(() => this.disconnect());
  }

  /**
   * Connects and subscribes; `topic` is re-read on every (re)connect so a reconnect resumes after
   * the last sequence the store applied, without gaps or duplicates.
   */
  connect(topic: () => LiveTopic, onEvent: (event: LiveExecutionEvent) => void): void {
    this.disconnect();
    const socket = io({
      path: '/socket.io',
      auth: { token: this.session.token() },
      transports: ['websocket'],
      reconnectionDelayMax: 5_000,
    });
    this.socket = socket;
    socket.on('connect', () => {
      socket.emit('subscribe', topic(), (ack: { ok: boolean } | undefined) =>
        this._mode.set(ack?.ok ? 'live' : 'polling'),
      );
    });
    socket.on('execution.event', (event: LiveExecutionEvent) => onEvent(event));
    // A refused or lost connection is not an error for the user: the stores poll meanwhile.
    socket.on('connect_error', () => this._mode.set('polling'));
    socket.on('disconnect', () => this._mode.set('polling'));
  }

  disconnect(): void {
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
  }
}
