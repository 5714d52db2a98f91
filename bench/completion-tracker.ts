import type { ExecutionEvent } from '@baton/engine';
import type { LocalEventSink } from '../apps/api/src/engine-wiring/local-event.sink';

const TERMINAL = new Set(['completed', 'failed', 'cancelled']);

/**
 * Learns when queued executions finish from Baton's in-process live event feed (the one the
 * WebSocket gateway uses) instead of polling the REST API, so waiting adds no load to what is
 * measured. The event can beat the start response, so unclaimed ends are kept until asked for.
 */
export class CompletionTracker {
  private readonly ended = new Map<string, string>();
  private readonly waiters = new Map<string, (status: string) => void>();
  private readonly unsubscribe: () => void;

  constructor(sink: LocalEventSink) {
    this.unsubscribe = sink.subscribe((event: ExecutionEvent) => {
      if (!TERMINAL.has(event.type)) return;
      const waiter = this.waiters.get(event.executionId);
      if (waiter) {
        this.waiters.delete(event.executionId);
        waiter(event.type);
      } else {
        this.ended.set(event.executionId, event.type);
      }
    });
  }

  /** Resolves with the terminal status (`completed`, `failed`, `cancelled`); rejects after `timeoutMs`. */
  whenFinished(executionId: string, timeoutMs = 60_000): Promise<string> {
    const status = this.ended.get(executionId);
    if (status) {
      this.ended.delete(executionId);
      return Promise.resolve(status);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(executionId);
        reject(new Error(`execution ${executionId} did not finish within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.set(executionId, (ended) => {
        clearTimeout(timer);
        resolve(ended);
      });
    });
  }

  close(): void {
    this.unsubscribe();
  }
}
