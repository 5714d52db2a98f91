import { describe, expect, it } from '@jest/globals';
import { buildGraph } from '../testing/build-graph.js';
import { createTestEngine } from '../testing/create-test-engine.js';
import { TransientError } from '../errors/engine.error.js';
import { testNodeType } from '../testing/test-node-types.js';

// A step that fails once and waits an hour for its retry: a parked execution.
const parked = buildGraph(
  [
    ['start', 'test.begin'],
    ['later', 'test.first-try-fails', {}, { retry: { maxAttempts: 2, initialIntervalMs: 3_600_000 } }],
  ],
  ['start->later'],
);

describe('recoverStalledWork (issue 10: the sweep follows what is stalled, not what waits)', () => {
  it('leaves parked executions alone until their work is due, then re-enqueues it', async () => {
    const t = createTestEngine({
      nodeTypes: [
        testNodeType('test.begin', async ({ data }) => data, { canStart: true, inputs: [] }),
        testNodeType('test.first-try-fails', async ({ data }, ctx) => {
          if (ctx.attempt === 1) throw new TransientError('not yet', 'NOT_YET');
          return data;
        }),
      ],
    });
    const ids: string[] = [];
    for (let i = 0; i < 20; i++)
      ids.push((await t.engine.start({ definition: parked, input: i, mode: 'queued' })).executionId);
    await t.settle();
    expect(new Set(await Promise.all(ids.map(async (id) => (await t.step(id, 'later')).status)))).toEqual(
      new Set(['retrying']),
    );
    expect(await t.store.findExecutionsWithStalledWork(new Date(t.clock.now()), new Date(t.clock.now()))).toEqual([]);
    expect(await t.engine.recoverStalledWork()).toBe(0);

    // Past the wake time their retries are due: had a job been lost, the sweep would find them.
    const later = new Date(t.clock.now() + 3_600_001);
    expect((await t.store.findExecutionsWithStalledWork(later, later)).sort()).toEqual([...ids].sort());
    await t.advance(3_600_001);
    for (const id of ids) expect((await t.snapshot(id)).execution.status).toBe('completed');
  });
});
