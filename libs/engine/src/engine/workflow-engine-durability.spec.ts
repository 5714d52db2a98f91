import { describe, expect, it } from '@jest/globals';
import { CancelledError } from '../errors/engine.error.js';
import { jobIdOf, type StepJob } from '../execution/execution-record.js';
import type { ExecutionTransaction } from '../ports/execution-store.port.js';
import type { ScheduleOptions } from '../ports/step-scheduler.port.js';
import { InProcessStepScheduler } from '../scheduling/in-process-step-scheduler.js';
import { buildGraph } from '../testing/build-graph.js';
import { createTestEngine } from '../testing/create-test-engine.js';
import { FakeClock } from '../testing/fake-clock.js';
import { InMemoryExecutionStore } from '../execution/in-memory-execution-store.js';
import { scenarioNodeTypes } from '../testing/scenario-node-types.js';

const gated = buildGraph(
  [
    ['start', 'test.start'],
    ['wait', 'test.gate'],
    ['plus', 'test.add', { n: 1 }],
  ],
  ['start->wait', 'wait->plus'],
);
const quick = buildGraph(
  [
    ['start', 'test.start'],
    ['plus', 'test.add', { n: 1 }],
  ],
  ['start->plus'],
);

/** Engines over one store and one clock: each stands for a separate process. */
function processes(count: number, options: { store?: InMemoryExecutionStore } = {}) {
  const nodes = scenarioNodeTypes();
  const clock = new FakeClock();
  const store = options.store ?? new InMemoryExecutionStore();
  const engines = Array.from({ length: count }, () => createTestEngine({ nodeTypes: nodes.nodeTypes, clock, store }));
  return { nodes, clock, store, engines };
}

/** Records what reaches the durable queue, and runs it in process. */
class RecordingScheduler extends InProcessStepScheduler {
  readonly jobs: string[] = [];
  override async schedule(job: StepJob, options?: ScheduleOptions): Promise<void> {
    this.jobs.push(jobIdOf(job));
    return super.schedule(job, options);
  }
}

describe('WorkflowEngine: per-workflow limits', () => {
  it('runs at most maxConcurrentExecutions at once; the others wait pending and start when a slot frees', async () => {
    const t = createTestEngine({ nodeTypes: scenarioNodeTypes().nodeTypes });
    const nodes = scenarioNodeTypes();
    const engine = createTestEngine({ nodeTypes: nodes.nodeTypes, clock: t.clock, store: t.store });
    t.store.setWorkflowLimits('wf', { maxConcurrentExecutions: 1 });
    const first = await engine.engine.start({ definition: gated, input: 1, mode: 'queued', workflowId: 'wf' });
    const second = await engine.engine.start({ definition: gated, input: 10, mode: 'queued', workflowId: 'wf' });
    expect([first.status, second.status]).toEqual(['running', 'pending']);
    await engine.waitFor(() => nodes.gate.waiting().length === 1);
    await engine.advance(5000);
    // Never dropped, never started while the slot is taken.
    expect((await engine.snapshot(second.executionId)).execution.status).toBe('pending');
    expect(engine.events.trail(second.executionId)).toEqual([]);

    nodes.gate.release('wait', 1);
    await engine.settle();
    expect((await engine.snapshot(first.executionId)).execution).toMatchObject({ status: 'completed', output: 2 });
    await engine.advance(1000);
    await engine.waitFor(() => nodes.gate.waiting().length === 1);
    expect((await engine.snapshot(second.executionId)).execution.status).toBe('running');
    nodes.gate.release('wait', 10);
    await engine.settle();
    expect((await engine.snapshot(second.executionId)).execution).toMatchObject({ status: 'completed', output: 11 });
    expect(engine.scheduleErrors).toEqual([]);
  });

  it('spreads starts under maxStartsPerMinute: the excess starts when the oldest start leaves the minute', async () => {
    const t = createTestEngine({ nodeTypes: scenarioNodeTypes().nodeTypes });
    t.store.setWorkflowLimits('wf', { maxStartsPerMinute: 2 });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await t.engine.start({ definition: quick, input: i, mode: 'queued', workflowId: 'wf' })).executionId);
      await t.advance(10_000);
    }
    const statuses = async () => Promise.all(ids.map(async (id) => (await t.snapshot(id)).execution.status));
    expect(await statuses()).toEqual(['completed', 'completed', 'pending']);
    // The first start was at 0 s; the third may start at 60 s, not before.
    await t.advance(60_000 - 30_000 - 1);
    expect(await statuses()).toEqual(['completed', 'completed', 'pending']);
    await t.advance(1);
    expect(await statuses()).toEqual(['completed', 'completed', 'completed']);
    const third = (await t.snapshot(ids[2])).execution;
    expect(third.startedAt!.getTime() - third.createdAt.getTime()).toBe(40_000);
  });

  it('admits exactly the limit when starts race across processes', async () => {
    const { engines, store, nodes } = processes(3);
    store.setWorkflowLimits('wf', { maxConcurrentExecutions: 2 });
    const results = await Promise.all(
      engines.map((e, i) =>
        e.engine.start({ definition: gated, input: i, mode: 'queued', workflowId: 'wf', executionId: `race-${i}` }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual(['pending', 'running', 'running']);
    await engines[0].waitFor(() => nodes.gate.waiting().length === 1);
  });
});

describe('WorkflowEngine: recovery of lost starts', () => {
  class CrashingStore extends InMemoryExecutionStore {
    crashNextLock = false;
    override async withExecutionLock<T>(
      executionId: string,
      work: (tx: ExecutionTransaction) => Promise<T>,
    ): Promise<T> {
      if (this.crashNextLock) {
        this.crashNextLock = false;
        throw new Error('process died between commit and start');
      }
      return super.withExecutionLock(executionId, work);
    }
  }

  it('starts a pending execution whose start was lost once it is older than the grace period, once across processes', async () => {
    const store = new CrashingStore();
    const { engines, nodes, clock } = processes(3, { store });
    store.crashNextLock = true;
    await expect(engines[0].engine.start({ definition: quick, input: 4, mode: 'queued' })).rejects.toThrow(
      'process died',
    );
    const [executionId] = await store.findPendingExecutionIds(new Date(clock.now() + 1));
    // Too young: the creating process may still be starting it.
    expect(await engines[1].engine.recoverStalledWork()).toBe(0);
    clock.advance(10_001);
    expect(await engines[1].engine.recoverStalledWork()).toBe(1);
    expect(await engines[2].engine.recoverStalledWork()).toBe(1);
    await engines[1].settle();
    await engines[2].settle();
    expect((await engines[1].snapshot(executionId)).execution).toMatchObject({ status: 'completed', output: 5 });
    expect(
      engines[1].events
        .trail(executionId)
        .concat(engines[2].events.trail(executionId))
        .filter((e) => e === 'started'),
    ).toEqual(['started']);
    expect(nodes.runs('start')).toBe(1);
  });

  it('never moves a terminal execution: a cancelled pending execution stays cancelled', async () => {
    const store = new CrashingStore();
    const { engines, clock } = processes(1, { store });
    store.crashNextLock = true;
    await expect(engines[0].engine.start({ definition: quick, input: 4, mode: 'queued' })).rejects.toThrow();
    const [executionId] = await store.findPendingExecutionIds(new Date(clock.now() + 1));
    await engines[0].engine.cancel(executionId);
    clock.advance(60_000);
    expect(await engines[0].engine.recoverStalledWork()).toBe(0);
    await engines[0].engine.runStep({ executionId, stepId: '$start', attempt: 1 });
    expect((await engines[0].snapshot(executionId)).execution.status).toBe('cancelled');
  });
});

describe('WorkflowEngine: running steps across processes', () => {
  it('a cancel handled by another process aborts the running node within one watch interval', async () => {
    const { engines, nodes } = processes(2);
    const [worker, api] = engines;
    const { executionId } = await worker.engine.start({ definition: gated, input: 0, mode: 'queued' });
    await worker.waitFor(() => nodes.gate.waiting().length === 1);
    expect(await api.engine.cancel(executionId)).toBe(true);
    const signal = nodes.gate.signalOf('wait')!;
    // The api process runs nothing, so nothing was aborted locally.
    expect(signal.aborted).toBe(false);
    await worker.advance(1000);
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBeInstanceOf(CancelledError);
    const snapshot = await worker.snapshot(executionId);
    expect(snapshot.execution.status).toBe('cancelled');
    expect(snapshot.steps.map((s) => [s.stepId, s.status])).toEqual([
      ['start', 'completed'],
      ['wait', 'cancelled'],
      ['plus', 'cancelled'],
    ]);
  });

  it('a pause from another process lets the running node finish and schedules nothing new', async () => {
    const { engines, nodes } = processes(2);
    const [worker, api] = engines;
    const { executionId } = await worker.engine.start({ definition: gated, input: 0, mode: 'queued' });
    await worker.waitFor(() => nodes.gate.waiting().length === 1);
    await api.engine.pause(executionId);
    await worker.advance(3000);
    expect(nodes.gate.signalOf('wait')!.aborted).toBe(false);
    nodes.gate.release('wait', 5);
    await worker.settle();
    expect((await worker.snapshot(executionId)).steps.map((s) => [s.stepId, s.status])).toEqual([
      ['start', 'completed'],
      ['wait', 'completed'],
      ['plus', 'pending'],
    ]);
    expect(nodes.runs('plus')).toBe(0);
  });

  it('a duplicate job of a step running elsewhere waits on its lease instead of running the step twice', async () => {
    const { engines, nodes, store } = processes(2);
    const [first, second] = engines;
    const { executionId } = await first.engine.start({ definition: gated, input: 0, mode: 'queued' });
    await first.waitFor(() => nodes.gate.waiting().length === 1);
    // A live lease is not stalled work: recovery elsewhere leaves the step alone.
    expect(await second.engine.recoverStalledWork()).toBe(0);
    // A duplicate delivery of its job in another process waits on the lease instead of running it.
    expect(await second.engine.runStep({ executionId, stepId: 'wait', attempt: 1 })).toEqual({
      retryAfterMs: expect.any(Number),
    });
    await second.settle();
    await first.advance(12_000);
    expect(nodes.runs('wait')).toBe(1);
    expect(store.leaseOf(executionId, 'wait')!.getTime()).toBeGreaterThan(first.clock.now());

    // The runner finishes: the waiting duplicate finds the step settled and does nothing.
    nodes.gate.release('wait', 7);
    await first.settle();
    expect((await first.snapshot(executionId)).execution).toMatchObject({ status: 'completed', output: 8 });
    await second.advance(10_000);
    expect(nodes.runs('wait')).toBe(1);
    expect(second.scheduleErrors).toEqual([]);
  });

  it('re-runs a running step whose runner stopped renewing once its lease expired', async () => {
    const nodes = scenarioNodeTypes();
    const clock = new FakeClock();
    const store = new InMemoryExecutionStore();
    const crashed = createTestEngine({ nodeTypes: nodes.nodeTypes, clock, store, stepWatchMs: 3_600_000 });
    const { executionId } = await crashed.engine.start({ definition: gated, input: 0, mode: 'queued' });
    await crashed.waitFor(() => nodes.gate.waiting().length === 1);
    const restarted = createTestEngine({ nodeTypes: nodes.nodeTypes, clock, store });
    // While the dead runner's lease lasts, the step is not stalled yet.
    expect(await restarted.engine.recoverStalledWork()).toBe(0);
    await restarted.settle();
    expect(nodes.runs('wait')).toBe(1);
    await restarted.advance(5001);
    expect(await restarted.engine.recoverStalledWork()).toBe(1);
    await restarted.waitFor(() => nodes.runs('wait') === 2);
    expect((await restarted.step(executionId, 'wait')).status).toBe('running');
  });
});

describe('WorkflowEngine: immediate mode in process', () => {
  function immediateSetup() {
    const nodes = scenarioNodeTypes({ failures: 1 });
    const clock = new FakeClock();
    const durable = new RecordingScheduler(clock);
    const immediate = new InProcessStepScheduler(clock);
    const t = createTestEngine({
      nodeTypes: nodes.nodeTypes,
      clock,
      scheduler: durable,
      immediateScheduler: immediate,
    });
    durable.attach((job) => t.engine.runStep(job));
    return { ...t, nodes, durable, immediate };
  }

  it('runs every step in the starting process and answers with the output', async () => {
    const t = immediateSetup();
    const result = await t.engine.start({ definition: quick, input: 2, mode: 'immediate' });
    expect(result).toMatchObject({ status: 'completed', output: 3 });
    expect(t.durable.jobs).toEqual([]);
  });

  it('keeps a short retry in process but parks a long one on the durable queue and answers early', async () => {
    const t = immediateSetup();
    const short = buildGraph(
      [
        ['start', 'test.start'],
        ['flaky', 'test.flaky', {}, { retry: { maxAttempts: 2, initialIntervalMs: 500 } }],
      ],
      ['start->flaky'],
    );
    // Standard: the journal shows the retry while it waits (an express run would hold it in memory).
    const running = t.engine.start({ definition: short, input: 'a', mode: 'immediate', durability: 'standard' });
    await t.waitFor(
      async () =>
        (await t.store.findExecution('exec-1'))?.steps.find((s) => s.stepId === 'flaky')?.status === 'retrying',
    );
    await t.advance(500);
    expect(await running).toMatchObject({ status: 'completed', output: 'a' });
    expect(t.durable.jobs).toEqual([]);

    // A new node id: test.flaky counts failures per step id.
    const long = buildGraph(
      [
        ['start', 'test.start'],
        ['slow', 'test.flaky', {}, { retry: { maxAttempts: 2, initialIntervalMs: 5000 } }],
      ],
      ['start->slow'],
    );
    const answer = await t.engine.start({ definition: long, input: 'b', mode: 'immediate' });
    expect(answer).toMatchObject({ status: 'running', output: null });
    expect(t.durable.jobs).toEqual([`${answer.executionId}:slow:2`]);
    await t.advance(5000);
    await t.waitFor(async () => (await t.snapshot(answer.executionId)).execution.status === 'completed');
    expect((await t.snapshot(answer.executionId)).execution.output).toBe('b');
  });

  it('hands what is still open to the durable queue when the immediate wait ends', async () => {
    const nodes = scenarioNodeTypes();
    const clock = new FakeClock();
    const durable = new RecordingScheduler(clock);
    const t = createTestEngine({
      nodeTypes: nodes.nodeTypes,
      clock,
      scheduler: durable,
      immediateScheduler: new InProcessStepScheduler(clock),
      immediateWaitMs: 2000,
    });
    durable.attach((job) => t.engine.runStep(job));
    const answer = t.engine.start({ definition: gated, input: 1, mode: 'immediate' });
    await t.waitFor(() => nodes.gate.waiting().length === 1);
    await t.advance(2000);
    expect(await answer).toMatchObject({ status: 'running' });
    // The running node finishes here; its successor is planned onto the durable queue.
    nodes.gate.release('wait', 1);
    const { executionId } = await answer;
    await t.waitFor(async () => (await t.snapshot(executionId)).execution.status === 'completed');
    expect(durable.jobs.map((id) => id.split(':')[1])).toEqual(['plus']);
    expect((await t.snapshot(executionId)).execution.output).toBe(2);
  });
});
