import { describe, expect, it } from '@jest/globals';
import { runNodeForTest } from '@baton/engine';
import { mergeNode } from './merge.node.js';

describe('flow.merge', () => {
  it('passes the joined data on; the engine decides what arrives', async () => {
    const { result } = await runNodeForTest(mergeNode, ['a', 'b'], { mode: 'all' });
    expect(result).toEqual({ output: ['a', 'b'] });
    expect(mergeNode.kind).toBe('merge');
  });
});
