import { describe, expect, it } from '@jest/globals';
import { configureFanOutLimits, DEFAULT_FAN_OUT_LIMITS, runNodeForTest } from '@baton/engine';
import { loopNode } from './loop.node.js';

describe('flow.loop', () => {
  it('iterates over its input by default, one at a time', async () => {
    const { result } = await runNodeForTest(loopNode, [1, 2], {});
    expect(result).toEqual({ output: null, iterate: { items: [1, 2], concurrency: 1 } });
  });

  it('selects items with an expression and keeps the concurrency', async () => {
    const { result } = await runNodeForTest(loopNode, { orders: [{ id: 1 }] }, { items: 'orders', concurrency: 4 });
    expect(result.iterate).toEqual({ items: [{ id: 1 }], concurrency: 4 });
  });

  it('bounds the concurrency by BATON_MAX_STEP_CONCURRENCY and the items by BATON_MAX_ITEMS', async () => {
    try {
      configureFanOutLimits({ maxStepConcurrency: 40, maxItems: 100 });
      const items = Array.from({ length: 100 }, (_, i) => i);
      const { result } = await runNodeForTest(loopNode, items, { concurrency: 1_000_000 });
      expect(result.iterate).toEqual({ items, concurrency: 40 });
      await expect(runNodeForTest(loopNode, [...items, 100], {})).rejects.toMatchObject({
        code: 'EXECUTION_LIMIT',
        retryable: false,
      });
    } finally {
      configureFanOutLimits(DEFAULT_FAN_OUT_LIMITS);
    }
  });

  it('refuses a non-array', async () => {
    await expect(runNodeForTest(loopNode, { a: 1 }, {})).rejects.toMatchObject({ code: 'INVALID_LOOP_ITEMS' });
  });
});
