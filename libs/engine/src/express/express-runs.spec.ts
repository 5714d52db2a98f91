import { describe, expect, it } from '@jest/globals';
import type { ExecutionEvent, ExecutionRecord, ExecutionSnapshot, StepRecord } from '../execution/execution-record.js';
import { InMemoryExecutionStore } from '../execution/in-memory-execution-store.js';
import type { ExecutionTransaction, StepLease } from '../ports/execution-store.port.js';
import { InProcessStepScheduler } from '../scheduling/in-process-step-scheduler.js';
import { buildGraph } from '../testing/build-graph.js';
import { createTestEngine } from '../testing/create-test-engine.js';
import { FakeClock } from '../testing/fake-clock.js';
import { scenarioNodeTypes } from '../testing/scenario-node-types.js';

/** The durable journal, counting every write that reaches it. */
class CountingStore extends InMemoryExecutionStore {
  readonly writes: string[] = [];

  private importing = false;

  override async createExecution(execution: ExecutionRecord, steps: StepRecord[]): Promise<void> {
    if (!this.importing) this.writes.push(`create:${execution.id}`);
    return super.createExecution(execution, steps);
  }

  override async importExecution(snapshot: ExecutionSnapshot, events: ExecutionEvent[], leases: StepLease[]) {
    this.writes.push(`import:${snapshot.execution.id}:${snapshot.execution.status}`);
    this.importing = true;
    try {
      return await super.importExecution(snapshot, events, leases);
    } finally {
      this.importing = false;
    }
  }

  override async withExecutionLock<T>(executionId: string, work: (tx: ExecutionTransaction) => Promise<T>) {
    this.writes.push(`tx:${executionId}`);
    return super.withExecutionLock(executionId, work);
  }
}

const chain = buildGraph(
  [
    ['start', 'test.start'],
    ['a', 'test.add', { n: 1 }],
    ['b', 'test.add', { n: 10 }],
    ['c', 'test.add', { n: 100 }],
  ],
  ['start->a', 'a->b', 'b->c'],
);

/** An engine with an in-process scheduler over a counting durable store (`prepare` may wrap it first). */
function setup(options: { failures?: number; prepare?: (store: CountingStore) => void } = {}) {
  const nodes = scenarioNodeTypes({ failures: options.failures ?? 1 });
  const clock = new FakeClock();
  const store = new CountingStore();
  options.prepare?.(store);
  const t = createTestEngine({
    nodeTypes: nodes.nodeTypes,
    clock,
    store,
    immediateScheduler: new InProcessStepScheduler(clock),
  });
  return { ...t, nodes, counting: store };
}

/** A run's rows without what differs between any two runs (ids, durability). */
function comparable(snapshot: ExecutionSnapshot, events: ExecutionEvent[]) {
  const { id, durability, ...execution } = snapshot.execution;
  void id;
  void durability;
  return {
    execution,
    steps: snapshot.steps.map(({ executionId, ...step }) => (void executionId, step)),
    events: events.map(({ executionId, ...event }) => (void executionId, event)),
  };
}

describe('express runs (issue 10: durability modes)', () => {
  it('is the default for immediate runs: one write when the run ends, rows equal to a standard run', async () => {
    const t = setup();
    const express = await t.engine.start({ definition: chain, input: 1, mode: 'immediate' });
    expect(express).toMatchObject({ status: 'completed', output: 112, mode: 'immediate', durability: 'express' });
    // Nothing was written while it ran: the whole execution arrived in one import.
    expect(t.counting.writes).toEqual([`import:${express.executionId}:completed`]);
    // Live events were still published as the steps ran.
    expect(t.events.trail(express.executionId)).toEqual([
      'started',
      'step_started:start',
      'step_completed:start',
      'step_started:a',
      'step_completed:a',
      'step_started:b',
      'step_completed:b',
      'step_started:c',
      'step_completed:c',
      'completed',
    ]);

    const standard = await t.engine.start({ definition: chain, input: 1, mode: 'immediate', durability: 'standard' });
    expect(standard).toMatchObject({ status: 'completed', output: 112, durability: 'standard' });
    expect(t.counting.writes.filter((w) => w.endsWith(standard.executionId)).length).toBeGreaterThan(4);

    const rowsOf = async (executionId: string) =>
      comparable(await t.snapshot(executionId), await t.store.findEvents(executionId));
    expect(await rowsOf(express.executionId)).toEqual(await rowsOf(standard.executionId));
    expect((await t.snapshot(express.executionId)).execution.durability).toBe('express');
  });

  it('follows settings.durability and the per-start option; queued runs are always standard', async () => {
    const t = setup();
    const pinned = { ...chain, settings: { durability: 'standard' as const } };
    expect(await t.engine.start({ definition: pinned, input: 1, mode: 'immediate' })).toMatchObject({
      durability: 'standard',
    });
    expect(
      await t.engine.start({ definition: pinned, input: 1, mode: 'immediate', durability: 'express' }),
    ).toMatchObject({ durability: 'express', status: 'completed' });
    const queued = await t.engine.start({ definition: chain, input: 1, mode: 'queued', durability: 'express' });
    expect(queued.durability).toBe('standard');
    await t.settle();
    expect((await t.snapshot(queued.executionId)).execution).toMatchObject({
      status: 'completed',
      durability: 'standard',
    });
  });

  it('turns standard when it has to wait long: everything so far in one write, then the durable queue', async () => {
    const t = setup();
    const slow = buildGraph(
      [
        ['start', 'test.start'],
        ['slow', 'test.flaky', {}, { retry: { maxAttempts: 2, initialIntervalMs: 5000 } }],
        ['after', 'test.add', { n: 1 }],
      ],
      ['start->slow', 'slow->after'],
    );
    const answer = await t.engine.start({ definition: slow, input: 1, mode: 'immediate' });
    expect(answer).toMatchObject({ status: 'running', durability: 'standard' });
    expect(t.counting.writes).toEqual([`import:${answer.executionId}:running`]);
    const parked = await t.snapshot(answer.executionId);
    expect(parked.execution.durability).toBe('standard');
    expect(parked.steps.find((s) => s.stepId === 'slow')).toMatchObject({ status: 'retrying', attempt: 2 });
    await t.advance(5000);
    await t.waitFor(async () => (await t.snapshot(answer.executionId)).execution.status === 'completed');
    expect((await t.snapshot(answer.executionId)).execution.output).toBe(2);
    // The sequence continued where the express part stopped: gap-free, no duplicates.
    const sequences = (await t.store.findEvents(answer.executionId)).map((e) => e.sequence);
    expect(sequences).toEqual(sequences.map((_, i) => i + 1));
  });

  it('answers a cancel of an express run in the same process and writes it cancelled', async () => {
    const t = setup({ failures: 0 });
    const { nodes, counting: store } = t;
    const gated = buildGraph(
      [
        ['start', 'test.start'],
        ['wait', 'test.gate'],
      ],
      ['start->wait'],
    );
    const running = t.engine.start({ definition: gated, input: 1, mode: 'immediate' });
    await t.waitFor(() => nodes.gate.waiting().length === 1);
    expect(store.writes).toEqual([]);
    const executionId = 'exec-1';
    expect(await t.engine.cancel(executionId)).toBe(true);
    expect(await running).toMatchObject({ status: 'cancelled', durability: 'express' });
    // The aborted step's late result finds the run ended (one no-op unit of work after the import).
    expect(store.writes.filter((w) => !w.startsWith('tx:'))).toEqual([`import:${executionId}:cancelled`]);
    expect(store.writes[0]).toBe(`import:${executionId}:cancelled`);
  });
});

describe('express runs: failures around the durable write', () => {
  it('refuses a second start with the same execution id without running anything', async () => {
    const t = setup();
    await t.engine.start({ definition: chain, input: 1, mode: 'immediate', executionId: 'dup' });
    const ran = t.nodes.runs('a');
    await expect(
      t.engine.start({ definition: chain, input: 2, mode: 'immediate', executionId: 'dup' }),
    ).rejects.toMatchObject({ code: 'EXECUTION_EXISTS' });
    expect(t.nodes.runs('a')).toBe(ran);
    expect((await t.snapshot('dup')).execution.input).toBe(1);
  });

  it('keeps a run in memory when its conversion cannot be written, and finishes it there', async () => {
    let refusals = 1;
    const t = setup({
      prepare: (store) => {
        const importExecution = store.importExecution.bind(store);
        store.importExecution = async (...args) => {
          if (refusals-- > 0) throw new Error('database unavailable');
          return importExecution(...args);
        };
      },
    });
    const slow = buildGraph(
      [
        ['start', 'test.start'],
        ['slow', 'test.flaky', {}, { retry: { maxAttempts: 2, initialIntervalMs: 5000 } }],
      ],
      ['start->slow'],
    );
    const running = t.engine.start({ definition: slow, input: 7, mode: 'immediate' });
    await t.waitFor(() => refusals === 0);
    await t.advance(5000);
    expect(await running).toMatchObject({ status: 'completed', output: 7 });
    // Written once it ended, as the express run it stayed.
    expect((await t.snapshot('exec-1')).execution).toMatchObject({ status: 'completed', durability: 'express' });
  });
});
