import { describe, expect, it } from '@jest/globals';
import { InvalidInputError } from '../errors/engine.error.js';
import { StepScheduler } from '../ports/step-scheduler.port.js';
import type { StepJob } from '../execution/execution-record.js';
import { buildGraph } from '../testing/build-graph.js';
import { createTestEngine } from '../testing/create-test-engine.js';
import { scenarioNodeTypes } from '../testing/scenario-node-types.js';

function setup(options: { failures?: number } = {}) {
  const nodes = scenarioNodeTypes(options);
  return { ...createTestEngine({ nodeTypes: nodes.nodeTypes }), nodes };
}

describe('WorkflowEngine: phases, outputs, modes', () => {
  it('runs a phase concurrently and joins outputs along edges', async () => {
    const t = setup();
    const definition = buildGraph(
      [
        ['start', 'test.start'],
        ['a', 'test.gate'],
        ['b', 'test.gate'],
        ['join', 'test.collect'],
        ['plus', 'test.add', { n: 10 }],
      ],
      ['start->a', 'start->b', 'a->join', 'b->join', 'start->plus'],
    );
    const { executionId, status, mode } = await t.engine.start({ definition, input: 1, mode: 'queued' });
    expect({ status, mode }).toEqual({ status: 'running', mode: 'queued' });
    await t.waitFor(() => t.nodes.gate.waiting().length === 2);
    expect(t.nodes.gate.waiting()).toEqual(['a', 'b']);
    t.nodes.gate.release('b', 'B');
    t.nodes.gate.release('a', 'A');
    await t.settle();
    const snapshot = await t.snapshot(executionId);
    expect(snapshot.execution).toMatchObject({
      status: 'completed',
      output: { join: ['A', 'B'], plus: 11 },
      error: null,
    });
    expect(snapshot.steps.map((s) => [s.stepId, s.status, s.attempt, s.output])).toEqual([
      ['start', 'completed', 1, 1],
      ['a', 'completed', 1, 'A'],
      ['b', 'completed', 1, 'B'],
      ['join', 'completed', 1, ['A', 'B']],
      ['plus', 'completed', 1, 11],
    ]);
    expect(t.nodes.gate.maxRunning()).toBe(2);
    const sequences = t.events.events.map((e) => e.sequence);
    expect(sequences).toEqual(sequences.map((_, i) => i + 1));
    expect(t.events.trail(executionId).at(0)).toBe('started');
    expect(t.events.trail(executionId).at(-1)).toBe('completed');
    expect(t.scheduleErrors).toEqual([]);
  });

  it('bounds the steps of one execution running at once', async () => {
    const t = setup();
    const definition = buildGraph(
      [
        ['start', 'test.start'],
        ['a', 'test.gate'],
        ['b', 'test.gate'],
        ['c', 'test.gate'],
      ],
      ['start->a', 'start->b', 'start->c'],
      { maxConcurrency: 2 },
    );
    const { executionId } = await t.engine.start({ definition, mode: 'queued' });
    await t.waitFor(() => t.nodes.gate.waiting().length === 2);
    expect((await t.step(executionId, 'c')).status).toBe('pending');
    t.nodes.gate.release('a');
    await t.waitFor(() => t.nodes.gate.waiting().includes('c'));
    t.nodes.gate.release('b');
    t.nodes.gate.release('c');
    await t.settle();
    expect(t.nodes.gate.maxRunning()).toBe(2);
    expect((await t.snapshot(executionId)).execution.output).toEqual({ a: 'a', b: 'b', c: 'c' });
  });

  it('returns the output in immediate mode and lets auto pick by complexity', async () => {
    const t = setup();
    const definition = buildGraph(
      [
        ['start', 'test.start'],
        ['plus', 'test.add', { n: '{{ $execution.input * 2 }}' }],
      ],
      ['start->plus'],
    );
    const result = await t.engine.start({ definition, input: 5, mode: 'auto' });
    expect(result).toEqual({
      executionId: 'exec-1',
      status: 'completed',
      mode: 'immediate',
      durability: 'standard',
      output: 15,
      error: null,
      cause: null,
      complexity: {
        nodeCount: 2,
        estimatedDurationMs: 10,
        hasLoopsAroundExternalCalls: false,
        waitsForPeople: false,
        recommendedMode: 'immediate',
      },
    });
  });

  it('rejects an invalid definition with every problem', async () => {
    const t = setup();
    const definition = buildGraph(
      [
        ['start', 'test.start'],
        ['x', 'nope.nope'],
      ],
      ['start->x:wrong'],
    );
    const error = await t.engine.start({ definition }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).details).toEqual([
      { path: 'nodes[1].type', message: 'unknown node type "nope.nope"', nodeId: 'x' },
    ]);
  });

  it('treats duplicate and stale job deliveries as no-ops', async () => {
    const t = setup();
    const definition = buildGraph(
      [
        ['start', 'test.start'],
        ['plus', 'test.add'],
      ],
      ['start->plus'],
    );
    const { executionId } = await t.engine.start({ definition, input: 1, mode: 'queued' });
    await t.settle();
    const before = await t.snapshot(executionId);
    const eventCount = t.events.events.length;
    await t.engine.runStep({ executionId, stepId: 'plus', attempt: 1 });
    await t.engine.runStep({ executionId, stepId: 'plus', attempt: 7 });
    await t.engine.runStep({ executionId, stepId: 'ghost', attempt: 1 });
    await t.engine.runStep({ executionId: 'unknown', stepId: 'plus', attempt: 1 });
    expect(await t.snapshot(executionId)).toEqual(before);
    expect(t.events.events.length).toBe(eventCount);
    expect(t.nodes.runs('plus')).toBe(1);
  });

  it('recovers work whose jobs were lost, without running completed steps again', async () => {
    const nodes = scenarioNodeTypes();
    class LosingScheduler extends StepScheduler {
      readonly lost: StepJob[] = [];
      async schedule(job: StepJob): Promise<void> {
        this.lost.push(job);
      }
    }
    const crashed = createTestEngine({ nodeTypes: nodes.nodeTypes, scheduler: new LosingScheduler() });
    const definition = buildGraph(
      [
        ['start', 'test.start'],
        ['plus', 'test.add'],
      ],
      ['start->plus'],
    );
    const { executionId } = await crashed.engine.start({ definition, input: 1, mode: 'queued' });
    // A second process over the same store, as after a restart.
    const restarted = createTestEngine({ nodeTypes: nodes.nodeTypes, clock: crashed.clock });
    const snapshot = await crashed.store.findExecution(executionId);
    await restarted.store.createExecution(snapshot!.execution, snapshot!.steps);
    expect(await restarted.engine.recoverStalledWork()).toBe(1);
    expect(await restarted.engine.recoverStalledWork()).toBe(1);
    await restarted.settle();
    expect((await restarted.snapshot(executionId)).execution).toMatchObject({ status: 'completed', output: 2 });
    expect(nodes.runs('start')).toBe(1);
    expect(nodes.runs('plus')).toBe(1);
  });
});
