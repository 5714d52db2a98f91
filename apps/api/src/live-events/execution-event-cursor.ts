import type { LiveEvent } from './live-event';

export interface CursorCallbacks {
  /** Stored events of the execution with a sequence above `afterSequence`, in order. */
  loadAfter(afterSequence: number): Promise<LiveEvent[]>;
  deliver(event: LiveEvent): void;
  /** A gap could not be repaired from the store; the cursor skipped ahead. */
  onSkip?(from: number, to: number, error?: unknown): void;
}

/**
 * One subscriber's position in one execution's event stream. Hands events to `deliver` exactly
 * once each and in sequence order, whatever order they arrive in: live events from several
 * processes can overtake each other, and a replay from the store overlaps with live delivery.
 *
 * Why the store can always fill a gap: the engine publishes an event only after the transaction
 * that numbered it committed, and numbers are handed out under the execution lock, so once event
 * N has been seen every event below N is readable.
 */
export class ExecutionEventCursor {
  private readonly pending = new Map<number, LiveEvent>();
  private loading: Promise<void> | null = null;

  constructor(
    private last: number,
    private readonly callbacks: CursorCallbacks,
  ) {}

  get lastSequence(): number {
    return this.last;
  }

  /** A live event: delivered now if it is next, held while a load runs or a gap is open. */
  offer(event: LiveEvent): void {
    if (event.sequence <= this.last) return;
    this.pending.set(event.sequence, event);
    if (!this.loading) this.drain(false);
  }

  /**
   * Loads what the store holds after the cursor and delivers it merged with any live events
   * that arrive meanwhile. Rejects (and delivers nothing new) when the store read fails.
   */
  catchUp(): Promise<void> {
    this.loading ??= this.load().finally(() => {
      this.loading = null;
    });
    return this.loading.then(() => this.drain(true));
  }

  private async load(): Promise<void> {
    for (const event of await this.callbacks.loadAfter(this.last)) {
      if (event.sequence > this.last) this.pending.set(event.sequence, event);
    }
  }

  private drain(afterLoad: boolean): void {
    for (;;) {
      const next = this.pending.get(this.last + 1);
      if (!next) break;
      this.pending.delete(next.sequence);
      this.last = next.sequence;
      this.callbacks.deliver(next);
    }
    if (this.pending.size === 0 || this.loading) return;
    if (!afterLoad) {
      // A gap: fetch the missing events instead of waiting for a message that may never come.
      this.catchUp().catch((error: unknown) => this.skipGap(error));
      return;
    }
    this.skipGap();
  }

  /** Last resort when the store cannot fill a gap: keep the stream moving, in order. */
  private skipGap(error?: unknown): void {
    if (this.pending.size === 0) return;
    const from = this.last + 1;
    this.last = Math.min(...this.pending.keys()) - 1;
    this.callbacks.onSkip?.(from, this.last, error);
    this.drain(true);
  }
}
