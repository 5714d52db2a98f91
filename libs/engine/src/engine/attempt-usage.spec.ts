import { describe, expect, it } from '@jest/globals';
import { buildGraph } from '../testing/build-graph.js';
import { createTestEngine } from '../testing/create-test-engine.js';
import { scenarioNodeTypes } from '../testing/scenario-node-types.js';
import { testNodeType } from '../testing/test-node-types.js';
import { InProcessStepScheduler } from '../scheduling/in-process-step-scheduler.js';
import { FakeClock } from '../testing/fake-clock.js';
import { creditCostOf } from './attempt-usage.js';

function setup() {
  const nodes = scenarioNodeTypes({ failures: 2 });
  const model = testNodeType('test.model', async () => 'text', { creditCost: 2 });
  const modelWithTokens = { ...model, run: async () => ({ output: 'text', usage: { tokens: 1500 } }) };
  const route = testNodeType('test.route', async ({ data }) => data, { group: 'flow' });
  return createTestEngine({ nodeTypes: [...nodes.nodeTypes, modelWithTokens, route], creditsPer1kTokens: 0.5 });
}

describe('step usage (credits)', () => {
  it('defaults to 1 per attempt, 0 for flow and trigger nodes, 1 for an ASL Task state', () => {
    expect(creditCostOf({ type: 'http.request', group: 'action' })).toBe(1);
    expect(creditCostOf({ type: 'flow.merge', group: 'flow' })).toBe(0);
    expect(creditCostOf({ type: 'trigger.manual', group: 'trigger' })).toBe(0);
    expect(creditCostOf({ type: 'asl.Task', group: 'flow' })).toBe(1);
    expect(creditCostOf({ type: 'asl.Pass', group: 'flow' })).toBe(0);
    expect(creditCostOf({ type: 'x.y', group: 'flow', creditCost: 3 })).toBe(3);
  });

  it('records each step attempt and reported tokens on the step row, retries included', async () => {
    const t = setup();
    const definition = buildGraph(
      [
        ['start', 'test.start'],
        ['flaky', 'test.flaky', {}, { retry: { maxAttempts: 3 } }],
        ['model', 'test.model'],
        ['route', 'test.route'],
      ],
      ['start->flaky', 'flaky->model', 'model->route'],
    );
    const { executionId } = await t.engine.start({ definition, input: 1, mode: 'queued' });
    await t.advance(1000);
    await t.advance(2000);
    const snapshot = await t.snapshot(executionId);
    expect(snapshot.execution.status).toBe('completed');
    const usage = Object.fromEntries(snapshot.steps.map((s) => [s.stepId, s.usage]));
    expect(usage).toEqual({
      start: { nodeType: 'test.start@1', credits: 1, tokens: 0 },
      // Two transient failures and the success: three attempts.
      flaky: { nodeType: 'test.flaky@1', credits: 3, tokens: 0 },
      // creditCost 2 + 1,500 tokens at 0.5 credits per 1,000.
      model: { nodeType: 'test.model@1', credits: 2.75, tokens: 1500 },
      route: { nodeType: 'test.route@1', credits: 0, tokens: 0 },
    });
  });

  it('counts express runs, written once at their end', async () => {
    const clock = new FakeClock();
    const immediateScheduler = new InProcessStepScheduler(clock, () => undefined);
    const nodes = scenarioNodeTypes();
    const t = createTestEngine({ nodeTypes: nodes.nodeTypes, clock, immediateScheduler });
    const definition = buildGraph(
      [
        ['start', 'test.start'],
        ['plus', 'test.add', { n: 1 }],
      ],
      ['start->plus'],
    );
    const result = await t.engine.start({ definition, input: 1, mode: 'immediate' });
    expect(result).toMatchObject({ status: 'completed', durability: 'express' });
    const stored = await t.store.findExecution(result.executionId);
    expect(stored!.steps.map((s) => s.usage?.credits)).toEqual([1, 1]);
  });
});
