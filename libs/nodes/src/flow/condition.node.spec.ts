import { describe, expect, it } from '@jest/globals';
import { runNodeForTest } from '@baton/engine';
import { conditionNode } from './condition.node.js';

describe('flow.condition', () => {
  it.each([
    [{ amount: 150 }, 'amount > 100', 'true'],
    [{ amount: 50 }, 'amount > 100', 'false'],
    [{ tags: [] }, 'tags', 'false'],
    [{ name: 'x' }, 'missing', 'false'],
  ])('routes %p with %s to %s', async (data, expression, handle) => {
    const { result } = await runNodeForTest(conditionNode, data, { expression });
    expect(result).toEqual({ output: data, handle });
  });

  it('sees bindings such as $execution', async () => {
    const { result } = await runNodeForTest(
      conditionNode,
      {},
      { expression: '$execution.input.vip' },
      { bindings: { execution: { input: { vip: true } } } },
    );
    expect(result.handle).toBe('true');
  });
});
