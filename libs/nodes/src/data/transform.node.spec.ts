import { describe, expect, it } from '@jest/globals';
import { runNodeForTest } from '@baton/engine';
import { transformNode } from './transform.node.js';

describe('data.transform', () => {
  it('outputs the JSONata result over its input', async () => {
    const data = {
      items: [
        { price: 2, qty: 3 },
        { price: 5, qty: 1 },
      ],
    };
    const { result } = await runNodeForTest(transformNode, data, {
      expression: '{ "total": $sum(items.(price * qty)), "count": $count(items) }',
    });
    expect(result).toEqual({ output: { total: 11, count: 2 } });
  });

  it('can read earlier node outputs through $nodes', async () => {
    const { result } = await runNodeForTest(
      transformNode,
      null,
      { expression: '$nodes.fetch.body.id' },
      { bindings: { nodes: { fetch: { body: { id: 9 } } } } },
    );
    expect(result.output).toBe(9);
  });

  it('reports evaluation errors as invalid input', async () => {
    await expect(runNodeForTest(transformNode, {}, { expression: '$number("x")' })).rejects.toMatchObject({
      code: 'INVALID_EXPRESSION',
    });
  });
});
