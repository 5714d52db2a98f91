import { describe, expect, it } from '@jest/globals';
import { ExecutionEventCursor } from './execution-event-cursor';
import type { LiveEvent } from './live-event';

const event = (sequence: number): LiveEvent => ({
  executionId: 'e',
  workflowId: 'w',
  workspaceId: 's',
  sequence,
  type: 'step_completed',
  timestamp: new Date(0).toISOString(),
});

/** A cursor over a fake store holding events 1..stored; `release` lets a pending load finish. */
function setUp(last: number, stored: number) {
  const delivered: number[] = [];
  const loads: number[] = [];
  let release: () => void = () => undefined;
  const cursor = new ExecutionEventCursor(last, {
    loadAfter: async (after) => {
      loads.push(after);
      await new Promise<void>((resolve) => (release = resolve));
      return Array.from({ length: Math.max(0, stored - after) }, (_, i) => event(after + i + 1));
    },
    deliver: (e) => delivered.push(e.sequence),
  });
  return { cursor, delivered, loads, release: () => release() };
}

describe('ExecutionEventCursor', () => {
  it('delivers in-order live events at once and drops duplicates', () => {
    const { cursor, delivered, loads } = setUp(0, 0);
    for (const n of [1, 2, 2, 1, 3]) cursor.offer(event(n));
    expect(delivered).toEqual([1, 2, 3]);
    expect(loads).toEqual([]);
  });

  it('merges a replay with live events that arrive during it, without gaps or duplicates', async () => {
    const { cursor, delivered, release } = setUp(2, 5);
    const replay = cursor.catchUp();
    cursor.offer(event(5));
    cursor.offer(event(6));
    cursor.offer(event(4));
    expect(delivered).toEqual([]);
    release();
    await replay;
    cursor.offer(event(7));
    expect(delivered).toEqual([3, 4, 5, 6, 7]);
  });

  it('repairs a gap from the store when a later event overtakes an earlier one', async () => {
    const { cursor, delivered, loads, release } = setUp(1, 4);
    cursor.offer(event(4));
    expect(loads).toEqual([1]);
    cursor.offer(event(2));
    expect(delivered).toEqual([]);
    release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(delivered).toEqual([2, 3, 4]);
    cursor.offer(event(3));
    expect(delivered).toEqual([2, 3, 4]);
  });
});
