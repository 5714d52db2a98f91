import { Logger } from '@nestjs/common';
import { BoundedCache } from '@baton/engine';
import { ExecutionEventCursor } from './execution-event-cursor';
import { isTerminalEvent, type ExecutionScope, type LiveEvent } from './live-event';
import type { LiveEventHistory } from './live-event-history.service';

// Late duplicates arrive within moments of the original; this many finished runs is plenty.
const MAX_FINISHED = 1_000;

/**
 * One client (a socket or an SSE response) of one workspace: the rooms it joined and, per
 * execution it hears about, a cursor that keeps its events ordered and free of duplicates even
 * when several rooms (workspace + execution) carry the same event.
 */
export class LiveEventSubscriber {
  private static readonly logger = new Logger('LiveEvents');
  readonly rooms = new Set<string>();
  private readonly cursors = new Map<string, ExecutionEventCursor>();
  /** Executions subscribed by id: their cursors outlive a terminal event (a redrive may follow). */
  private readonly pinned = new Set<string>();
  /** Where finished runs ended, so a late duplicate of their last events is still recognised. */
  private readonly finished = new BoundedCache<string, number>(MAX_FINISHED);

  constructor(
    readonly workspaceId: string,
    private readonly history: LiveEventHistory,
    private readonly send: (event: LiveEvent) => void,
  ) {}

  /** A live event from any process; rooms already matched it to this subscriber. */
  offer(event: LiveEvent): void {
    // Defence in depth: rooms are namespaced by workspace, but never hand over a foreign event.
    if (event.workspaceId !== this.workspaceId) return;
    let cursor = this.cursors.get(event.executionId);
    if (!cursor) {
      // First event heard for this execution: the stream starts here (no history was asked for),
      // or where a finished run left off if it is being redriven.
      const ended = this.finished.get(event.executionId);
      if (ended !== undefined && event.sequence <= ended) return;
      const start = ended ?? event.sequence - 1;
      this.finished.delete(event.executionId);
      cursor = this.newCursor(
        { executionId: event.executionId, workspaceId: event.workspaceId, workflowId: event.workflowId },
        start,
      );
    }
    cursor.offer(event);
  }

  /**
   * Follows one execution from `afterSequence`: stored events first, then live ones, in order.
   * Without `afterSequence` the stream starts with the next live event. Resolves, once the
   * replay has been sent, with the last sequence delivered; rejects if the store cannot be read.
   */
  async follow(scope: ExecutionScope, afterSequence?: number): Promise<number> {
    this.pinned.add(scope.executionId);
    if (afterSequence === undefined) return this.cursors.get(scope.executionId)?.lastSequence ?? 0;
    // The client's own position wins over whatever this subscriber delivered before.
    this.finished.delete(scope.executionId);
    const cursor = this.newCursor(scope, afterSequence);
    try {
      await cursor.catchUp();
      return cursor.lastSequence;
    } catch (error) {
      this.cursors.delete(scope.executionId);
      throw error;
    }
  }

  unfollow(executionId: string): void {
    this.pinned.delete(executionId);
    this.cursors.delete(executionId);
  }

  /** Workspace and workflow followers would otherwise keep a cursor per finished run forever. */
  private retire(event: LiveEvent): void {
    this.cursors.delete(event.executionId);
    this.finished.set(event.executionId, event.sequence);
  }

  private newCursor(scope: ExecutionScope, last: number): ExecutionEventCursor {
    const cursor = new ExecutionEventCursor(last, {
      loadAfter: (after) => this.history.after(scope, after),
      deliver: (event) => {
        if (isTerminalEvent(event) && !this.pinned.has(event.executionId)) this.retire(event);
        this.send(event);
      },
      onSkip: (from, to, error) =>
        LiveEventSubscriber.logger.warn(
          `Execution ${scope.executionId}: events ${from}-${to} could not be loaded and were skipped (${String(error ?? 'missing')})`,
        ),
    });
    this.cursors.set(scope.executionId, cursor);
    return cursor;
  }
}
