import { describe, expect, it } from '@jest/globals';
import { buildGraph } from '../testing/build-graph.js';
import { createTestEngine } from '../testing/create-test-engine.js';
import { scenarioNodeTypes } from '../testing/scenario-node-types.js';

function setup() {
  const nodes = scenarioNodeTypes();
  const ended: Array<[string, string]> = [];
  const t = createTestEngine({
    nodeTypes: nodes.nodeTypes,
    onExecutionEnd: (executionId, status) => void ended.push([executionId, status]),
  });
  return { ...t, nodes, ended };
}

const definition = buildGraph(
  [
    ['start', 'test.start'],
    ['wait', 'test.gate'],
  ],
  ['start->wait'],
);

describe('WorkflowEngine: onExecutionEnd', () => {
  it('is called once the run completes, not before', async () => {
    const t = setup();
    const { executionId } = await t.engine.start({ definition, input: 1, mode: 'queued' });
    await t.waitFor(() => t.nodes.gate.waiting().length === 1);
    expect(t.ended).toEqual([]);
    t.nodes.gate.release('wait', 2);
    await t.settle();
    await t.waitFor(() => t.ended.length > 0);
    expect(t.ended).toContainEqual([executionId, 'completed']);
  });

  it('is called when the run is cancelled', async () => {
    const t = setup();
    const { executionId } = await t.engine.start({ definition, input: 1, mode: 'queued' });
    await t.waitFor(() => t.nodes.gate.waiting().length === 1);
    await t.engine.cancel(executionId, 'stop');
    await t.settle();
    await t.waitFor(() => t.ended.length > 0);
    expect(t.ended).toContainEqual([executionId, 'cancelled']);
  });
});
