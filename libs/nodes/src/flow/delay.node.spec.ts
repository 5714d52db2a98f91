import { describe, expect, it } from '@jest/globals';
import { runNodeForTest } from '@baton/engine';
import { delayNode } from './delay.node.js';

describe('flow.delay', () => {
  it('asks the engine to park for `ms` and then passes data on without waiting itself', async () => {
    expect(delayNode.startDelayMs!({ ms: 2500 })).toBe(2500);
    const { result } = await runNodeForTest(delayNode, { a: 1 }, { ms: 2500 });
    expect(result).toEqual({ output: { a: 1 } });
  });
});
