import { describe, expect, it } from '@jest/globals';
import { runNodeForTest } from '@baton/engine';
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

  it('refuses a non-array', async () => {
    await expect(runNodeForTest(loopNode, { a: 1 }, {})).rejects.toMatchObject({ code: 'INVALID_LOOP_ITEMS' });
  });
});
