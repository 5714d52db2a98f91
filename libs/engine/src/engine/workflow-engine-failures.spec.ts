import { describe, expect, it } from '@jest/globals';
import { buildGraph } from '../testing/build-graph.js';
import { createTestEngine } from '../testing/create-test-engine.js';
import { scenarioNodeTypes } from '../testing/scenario-node-types.js';

function setup(options: { failures?: number } = {}) {
  const nodes = scenarioNodeTypes(options);
  return { ...createTestEngine({ nodeTypes: nodes.nodeTypes }), nodes };
}

const retry = { maxAttempts: 3, initialIntervalMs: 1000, backoffRate: 2, maxDelayMs: 10_000, jitter: 'none' as const };

describe('WorkflowEngine: failures', () => {
  it('retries with exponential back-off and succeeds on the 3rd attempt', async () => {
    const t = setup({ failures: 2 });
    const definition = buildGraph(
      [
        ['start', 'test.start'],
        ['flaky', 'test.flaky', {}, { retry }],
      ],
      ['start->flaky'],
    );
    const { executionId } = await t.engine.start({ definition, input: 'ok', mode: 'queued' });
    await t.settle();
    expect(await t.step(executionId, 'flaky')).toMatchObject({
      status: 'retrying',
      attempt: 2,
      queued: true,
      wakeAt: new Date(t.clock.now() + 1000),
      error: { error: 'FLAKY', cause: 'flaky attempt 1', retryable: true },
    });
    expect(t.clock.pendingTimers()).toEqual([1000]);
    await t.advance(999);
    expect(t.nodes.runs('flaky')).toBe(1);
    await t.advance(1);
    expect(t.nodes.runs('flaky')).toBe(2);
    expect(t.clock.pendingTimers()).toEqual([2000]);
    await t.advance(2000);
    const step = await t.step(executionId, 'flaky');
    expect(step).toMatchObject({ status: 'completed', attempt: 3, output: 'ok', error: null, durationMs: 0 });
    expect(t.nodes.runs('flaky')).toBe(3);
    const retries = t.events.events.filter((e) => e.type === 'step_retrying');
    expect(retries.map((e) => [e.attempt, e.data?.nextAttempt, e.data?.delayMs])).toEqual([
      [1, 2, 1000],
      [2, 3, 2000],
    ]);
    expect(t.events.trail(executionId)).toEqual([
      'started',
      'step_started:start',
      'step_completed:start',
      'step_started:flaky',
      'step_retrying:flaky',
      'step_started:flaky',
      'step_retrying:flaky',
      'step_started:flaky',
      'step_completed:flaky',
      'completed',
    ]);
  });

  it('fails the workflow once retries run out', async () => {
    const t = setup({ failures: 5 });
    const definition = buildGraph(
      [
        ['start', 'test.start'],
        ['flaky', 'test.flaky', {}, { retry: { ...retry, maxAttempts: 2 } }],
      ],
      ['start->flaky'],
    );
    const { executionId } = await t.engine.start({ definition, mode: 'queued' });
    await t.advance(1000);
    const snapshot = await t.snapshot(executionId);
    expect(snapshot.execution).toMatchObject({ status: 'failed', error: 'FLAKY', cause: 'flaky attempt 2' });
    expect(snapshot.steps[1]).toMatchObject({ status: 'failed', attempt: 2, handles: null });
  });

  it('times a node out with NODE_TIMEOUT and aborts its signal', async () => {
    const t = setup();
    const definition = buildGraph(
      [
        ['start', 'test.start'],
        ['slow', 'test.gate', {}, { timeoutMs: 5000 }],
      ],
      ['start->slow'],
    );
    const { executionId } = await t.engine.start({ definition, mode: 'queued' });
    await t.waitFor(() => t.nodes.gate.waiting().length === 1);
    await t.advance(4999);
    expect((await t.step(executionId, 'slow')).status).toBe('running');
    await t.advance(1);
    const snapshot = await t.snapshot(executionId);
    expect(snapshot.execution).toMatchObject({
      status: 'failed',
      error: 'NODE_TIMEOUT',
      cause: 'Node "slow" timed out after 5000 ms',
    });
    expect(snapshot.steps[1]).toMatchObject({
      status: 'failed',
      attempt: 1,
      durationMs: 5000,
      error: { error: 'NODE_TIMEOUT', retryable: true },
    });
    expect(t.nodes.gate.signalOf('slow')?.aborted).toBe(true);
  });

  it('follows the error handle and skips the normal branch', async () => {
    const t = setup();
    const definition = buildGraph(
      [
        ['start', 'test.start'],
        ['boom', 'test.boom'],
        ['after', 'test.add'],
        ['handler', 'test.collect'],
      ],
      ['start->boom', 'boom->after', 'boom:error->handler'],
    );
    const { executionId } = await t.engine.start({ definition, input: 1, mode: 'queued' });
    await t.settle();
    const snapshot = await t.snapshot(executionId);
    const errorOutput = { error: 'BOOM', cause: 'it went boom' };
    expect(snapshot.steps.map((s) => [s.stepId, s.status, s.handles, s.output])).toEqual([
      ['start', 'completed', ['out'], 1],
      ['boom', 'failed', ['error'], errorOutput],
      ['after', 'skipped', [], null],
      ['handler', 'completed', ['out'], [errorOutput]],
    ]);
    expect(snapshot.execution).toMatchObject({ status: 'completed', output: [errorOutput] });
    expect(t.events.events.find((e) => e.type === 'step_failed')?.data).toMatchObject({
      error: 'BOOM',
      handledBy: 'error-handle',
    });
  });

  it('continues with the error as output when onError is continue', async () => {
    const t = setup();
    const definition = buildGraph(
      [
        ['start', 'test.start'],
        ['boom', 'test.boom', {}, { onError: 'continue' }],
        ['next', 'test.collect'],
      ],
      ['start->boom', 'boom->next'],
    );
    const { executionId } = await t.engine.start({ definition, mode: 'queued' });
    await t.settle();
    const snapshot = await t.snapshot(executionId);
    expect(snapshot.steps[1]).toMatchObject({
      status: 'failed',
      handles: ['out'],
      output: { error: 'BOOM', cause: 'it went boom' },
    });
    expect(snapshot.execution).toMatchObject({
      status: 'completed',
      output: [{ error: 'BOOM', cause: 'it went boom' }],
    });
  });

  it('fails the execution at the workflow timeout and aborts running steps', async () => {
    const t = setup();
    const definition = buildGraph(
      [
        ['start', 'test.start'],
        ['slow', 'test.gate'],
      ],
      ['start->slow'],
      { timeoutMs: 60_000 },
    );
    const { executionId } = await t.engine.start({ definition, mode: 'queued' });
    await t.waitFor(() => t.nodes.gate.waiting().length === 1);
    await t.advance(60_000);
    const snapshot = await t.snapshot(executionId);
    expect(snapshot.execution).toMatchObject({ status: 'failed', error: 'EXECUTION_TIMEOUT' });
    expect(snapshot.steps[1]).toMatchObject({ status: 'failed', error: { error: 'EXECUTION_TIMEOUT' } });
    expect(t.events.trail(executionId).slice(-2)).toEqual(['failed', 'step_failed:slow']);
  });

  it('redrives a failed execution from its failed step, keeping completed outputs', async () => {
    const t = setup();
    const definition = buildGraph(
      [
        ['start', 'test.start'],
        ['plus', 'test.add', { n: 1 }],
        ['boom', 'test.boom'],
        ['last', 'test.add', { n: 100 }],
      ],
      ['start->plus', 'plus->boom', 'boom->last'],
    );
    const { executionId } = await t.engine.start({ definition, input: 1, mode: 'queued' });
    await t.settle();
    expect((await t.snapshot(executionId)).execution).toMatchObject({
      status: 'failed',
      error: 'BOOM',
      cause: 'it went boom',
    });
    expect(await t.step(executionId, 'last')).toMatchObject({ status: 'cancelled', attempt: 0 });
    t.nodes.boom.armed = false;
    expect(await t.engine.redrive(executionId)).toBe(true);
    await t.settle();
    const snapshot = await t.snapshot(executionId);
    expect(snapshot.execution).toMatchObject({
      status: 'completed',
      output: 102,
      redriveCount: 1,
      error: null,
      cause: null,
    });
    expect(snapshot.steps.map((s) => [s.stepId, s.status, s.attempt, s.output])).toEqual([
      ['start', 'completed', 1, 1],
      ['plus', 'completed', 1, 2],
      ['boom', 'completed', 2, 2],
      ['last', 'completed', 1, 102],
    ]);
    expect([t.nodes.runs('start'), t.nodes.runs('plus'), t.nodes.runs('boom')]).toEqual([1, 1, 2]);
    await expect(t.engine.redrive(executionId)).rejects.toThrow('Only failed executions can be redriven');
  });
});
