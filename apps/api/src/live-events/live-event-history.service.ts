import { Injectable } from '@nestjs/common';
import { ExecutionStore } from '@baton/engine';
import { toLiveEvent, type ExecutionScope, type LiveEvent } from './live-event';

/** Replays an execution's journaled events (execution_events) in the live wire shape. */
@Injectable()
export class LiveEventHistory {
  constructor(private readonly store: ExecutionStore) {}

  async after(scope: ExecutionScope, afterSequence: number): Promise<LiveEvent[]> {
    const events = await this.store.findEvents(scope.executionId, afterSequence);
    return events.map((event) => toLiveEvent(event, scope));
  }
}
