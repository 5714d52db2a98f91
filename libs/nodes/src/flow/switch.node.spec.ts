import { describe, expect, it } from '@jest/globals';
import { runNodeForTest } from '@baton/engine';
import { switchNode } from './switch.node.js';

const cases = [
  { handle: 'big', expression: 'amount >= 1000' },
  { handle: 'medium', expression: 'amount >= 100' },
];

describe('flow.switch', () => {
  it.each([
    [5000, 'big'],
    [500, 'medium'],
    [5, 'default'],
  ])('routes amount %p to %s (first match wins)', async (amount, handle) => {
    const { result } = await runNodeForTest(switchNode, { amount }, { cases });
    expect(result.handle).toBe(handle);
  });

  it('declares one output handle per case plus default', () => {
    expect([...switchNode.outputs, ...switchNode.resolveOutputs!({ cases })].map((h) => h.name)).toEqual([
      'default',
      'big',
      'medium',
    ]);
  });
});
