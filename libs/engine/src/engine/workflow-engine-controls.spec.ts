import { describe, expect, it } from '@jest/globals';
import { CancelledError } from '../errors/engine.error.js';
import { buildGraph } from '../testing/build-graph.js';
import { createTestEngine } from '../testing/create-test-engine.js';
import { scenarioNodeTypes } from '../testing/scenario-node-types.js';

function setup() {
  const nodes = scenarioNodeTypes();
  return { ...createTestEngine({ nodeTypes: nodes.nodeTypes }), nodes };
}

const definition = buildGraph(
  [
    ['start', 'test.start'],
    ['wait', 'test.gate'],
    ['plus', 'test.add', { n: 1 }],
  ],
  ['start->wait', 'wait->plus'],
);

describe('WorkflowEngine: pause, resume, cancel', () => {
  it('pauses without scheduling successors and resumes where it stopped', async () => {
    const t = setup();
    const { executionId } = await t.engine.start({ definition, input: 0, mode: 'queued' });
    await t.waitFor(() => t.nodes.gate.waiting().length === 1);
    expect(await t.engine.pause(executionId)).toBe(true);
    expect(await t.engine.pause(executionId)).toBe(false);
    t.nodes.gate.release('wait', 41);
    await t.settle();
    expect((await t.snapshot(executionId)).steps.map((s) => [s.stepId, s.status, s.attempt, s.queued])).toEqual([
      ['start', 'completed', 1, false],
      ['wait', 'completed', 1, false],
      ['plus', 'pending', 1, true],
    ]);
    expect(t.nodes.runs('plus')).toBe(0);
    expect(await t.engine.resume(executionId)).toBe(true);
    await t.settle();
    expect((await t.snapshot(executionId)).execution).toMatchObject({ status: 'completed', output: 42 });
    expect(t.events.trail(executionId)).toEqual([
      'started',
      'step_started:start',
      'step_completed:start',
      'step_started:wait',
      'paused',
      'step_completed:wait',
      'resumed',
      'step_started:plus',
      'step_completed:plus',
      'completed',
    ]);
  });

  it('keeps a parked retry parked across pause and resume', async () => {
    const nodes = scenarioNodeTypes({ failures: 1 });
    const t = createTestEngine({ nodeTypes: nodes.nodeTypes });
    const retry = { maxAttempts: 2, initialIntervalMs: 1000 };
    const def = buildGraph(
      [
        ['start', 'test.start'],
        ['flaky', 'test.flaky', {}, { retry }],
      ],
      ['start->flaky'],
    );
    const { executionId } = await t.engine.start({ definition: def, input: 'x', mode: 'queued' });
    await t.settle();
    await t.engine.pause(executionId);
    await t.advance(1500);
    expect(nodes.runs('flaky')).toBe(1);
    await t.engine.resume(executionId);
    await t.settle();
    expect((await t.snapshot(executionId)).execution).toMatchObject({ status: 'completed', output: 'x' });
    expect(nodes.runs('flaky')).toBe(2);
  });

  it('cancels: the running node sees its AbortSignal and nothing runs after', async () => {
    const t = setup();
    const { executionId } = await t.engine.start({ definition, input: 0, mode: 'queued' });
    await t.waitFor(() => t.nodes.gate.waiting().length === 1);
    expect(await t.engine.cancel(executionId, 'user pressed stop')).toBe(true);
    await t.settle();
    const signal = t.nodes.gate.signalOf('wait')!;
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBeInstanceOf(CancelledError);
    const snapshot = await t.snapshot(executionId);
    expect(snapshot.execution).toMatchObject({ status: 'cancelled', error: 'CANCELLED', cause: 'user pressed stop' });
    expect(snapshot.steps.map((s) => [s.stepId, s.status])).toEqual([
      ['start', 'completed'],
      ['wait', 'cancelled'],
      ['plus', 'cancelled'],
    ]);
    expect(t.nodes.runs('plus')).toBe(0);
    expect(await t.engine.cancel(executionId)).toBe(false);
    expect(await t.engine.resume(executionId)).toBe(false);
    expect(t.events.trail(executionId).at(-1)).toBe('cancelled');
  });
});
