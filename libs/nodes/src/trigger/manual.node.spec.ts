import { describe, expect, it } from '@jest/globals';
import { runNodeForTest } from '@baton/engine';
import { manualTriggerNode } from './manual.node.js';

describe('trigger.manual', () => {
  it('can start a workflow and outputs the execution input', async () => {
    expect(manualTriggerNode.canStart).toBe(true);
    const { result } = await runNodeForTest(manualTriggerNode, { hello: 'world' });
    expect(result).toEqual({ output: { hello: 'world' } });
  });
});
