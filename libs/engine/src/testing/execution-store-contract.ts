import { beforeEach, describe, expect, it } from '@jest/globals';
import {
  newStepRecord,
  type ExecutionEvent,
  type ExecutionRecord,
  type ExecutionSnapshot,
  type StepRecord,
} from '../execution/execution-record.js';
import type { ExecutionStore, WorkflowLimits } from '../ports/execution-store.port.js';

/** What one store under test offers the contract suite. */
export interface ExecutionStoreContractFixture {
  store: ExecutionStore;
  /** A workspace the suite's executions may belong to (a database needs the row). */
  workspaceId: string;
  /** A workflow with these start limits (unlimited where not given); returns its id. */
  createWorkflow(limits?: Partial<WorkflowLimits>): Promise<string>;
  /**
   * A second store over the same journal, standing for another process (with caches of its own);
   * `store` itself where the journal cannot be shared (in memory).
   */
  otherProcess: ExecutionStore;
}

export interface ExecutionStoreContractOptions {
  /**
   * Every connection shares one database session (embedded PGlite): an open unit of work holds
   * up every other statement until it ends. The cases that read beside an open unit of work, or
   * expect units of work on different executions to overlap, cannot hold there and are left out.
   */
  oneSession?: boolean;
}

/** Longest a case waits for work that must not block; a store that blocks fails instead of hanging. */
const PROGRESS_MS = 5_000;
/** How long a case watches work that must stay blocked (a bounded negative check, not a wait for work). */
const BLOCKED_MS = 200;

/**
 * The `ExecutionStore` / `ExecutionTransaction` contract as one suite, run against every
 * implementation (in memory, and the TypeORM store on each tier) so they cannot drift.
 * `makeStore` runs before every case; cases use fresh execution ids, so one store (one database)
 * may serve them all, and cases that list executions assert only about their own.
 */
export function describeExecutionStoreContract(
  name: string,
  makeStore: () => ExecutionStoreContractFixture | Promise<ExecutionStoreContractFixture>,
  options: ExecutionStoreContractOptions = {},
): void {
  describe(`${name} honours the ExecutionStore contract`, () => {
    let fixture: ExecutionStoreContractFixture;
    let store: ExecutionStore;

    beforeEach(async () => {
      fixture = await makeStore();
      store = fixture.store;
    });

    const besideOpenWork = options.oneSession ? it.skip : it;
    const execution = (overrides: Partial<ExecutionRecord> = {}): ExecutionRecord =>
      executionRecord(fixture.workspaceId, overrides);
    const find = async (id: string): Promise<ExecutionSnapshot> => {
      const snapshot = await store.findExecution(id);
      if (!snapshot) throw new Error(`execution ${id} not found`);
      return sortedSnapshot(snapshot);
    };
    /** Creates a running execution with steps `a` and `b`. */
    const created = async (overrides: Partial<ExecutionRecord> = {}): Promise<ExecutionRecord> => {
      const record = execution({ status: 'running', startedAt: at(0), ...overrides });
      await store.createExecution(record, [step(record.id, 'a'), step(record.id, 'b')]);
      return record;
    };
    const lease = (id: string, stepId: string, leaseUntil: Date, unlessLeasedAt: Date | null) =>
      store.withExecutionLock(id, (tx) => tx.claimStep(stepId, leaseUntil, unlessLeasedAt));

    describe('createExecution and findExecution', () => {
      it('stores the execution with its steps and reads every field back', async () => {
        const record = execution({
          input: { order: { id: 42, lines: [1, 2] }, note: 'ü ✓' },
          tags: ['nightly', 'eu'],
          priority: 1,
          trigger: 'webhook',
          mode: 'immediate',
          durability: 'express',
          deadlineAt: at(60_000),
        });
        const steps = [
          step(record.id, 'a', {
            status: 'completed',
            attempt: 2,
            attemptOffset: 1,
            input: { x: 1 },
            output: { y: [true, null, 'z'] },
            error: { error: 'TRANSIENT', cause: 'flaky', retryable: true },
            handles: ['out'],
            queued: false,
            startedAt: at(1_000),
            endedAt: at(1_250),
            durationMs: 250,
            state: { items: [1, 2, 3], done: 2 },
          }),
          step(record.id, 'loop[0].b', { nodeId: 'b', queued: true, wakeAt: at(5_000) }),
        ];
        await store.createExecution(record, steps);
        expect(await find(record.id)).toEqual(sortedSnapshot({ execution: record, steps }));
      });

      it('answers null for an execution it does not know', async () => {
        expect(await store.findExecution(newId())).toBeNull();
      });

      it('refuses a second execution with the same id and keeps the first', async () => {
        const record = await created();
        const before = await find(record.id);
        await expect(store.createExecution({ ...record, input: { other: true } }, [])).rejects.toThrow();
        expect(await find(record.id)).toEqual(before);
      });

      it('keeps what it stores apart from the objects callers handed in or got back', async () => {
        const record = execution({ input: { nested: { n: 1 } }, tags: ['t'] });
        const steps = [step(record.id, 'a', { state: { counter: 1 } })];
        await store.createExecution(record, steps);
        const before = await find(record.id);
        (record.input as { nested: { n: number } }).nested.n = 2;
        record.tags.push('changed');
        (steps[0].state as { counter: number }).counter = 2;
        const read = (await store.findExecution(record.id))!;
        // A store may hand out frozen records; changing them must then fail, not leak through.
        attempt(() => ((read.execution.input as { nested: { n: number } }).nested.n = 3));
        attempt(() => (read.execution.status = 'failed'));
        attempt(() => ((read.steps[0].state as { counter: number }).counter = 3));
        expect(await find(record.id)).toEqual(before);
      });
    });

    describe('withExecutionLock', () => {
      it("commits a unit of work's writes together when it resolves and returns its result", async () => {
        const record = await created({ status: 'pending', startedAt: null });
        const result = await store.withExecutionLock(record.id, async (tx) => {
          expect(await tx.compareAndSetStatus(['pending'], 'running', { startedAt: at(10) })).toBe(true);
          await tx.saveSteps([step(record.id, 'a', { status: 'running', attempt: 1 })]);
          await tx.appendEvents([{ type: 'started' }, { type: 'step_started', stepId: 'a', attempt: 1 }], at(10));
          expect(await tx.claimStep('a', at(30_000), at(10))).toBe(true);
          return 'done';
        });
        expect(result).toBe('done');
        const after = await find(record.id);
        expect(after.execution).toMatchObject({ status: 'running', startedAt: at(10) });
        expect(after.steps.find((s) => s.stepId === 'a')).toMatchObject({ status: 'running', attempt: 1 });
        expect((await store.findEvents(record.id)).map((e) => [e.sequence, e.type])).toEqual([
          [1, 'started'],
          [2, 'step_started'],
        ]);
        // The lease committed too: another claim at a time it is still valid is refused.
        expect(await lease(record.id, 'a', at(60_000), at(20_000))).toBe(false);
      });

      besideOpenWork('shows none of an open unit of work to readers until it commits', async () => {
        const record = await created({ status: 'pending', startedAt: null });
        const wrote = gate();
        const finish = gate();
        const work = store.withExecutionLock(record.id, async (tx) => {
          await tx.loadExecution();
          await tx.compareAndSetStatus(['pending'], 'running', { startedAt: at(10) });
          await tx.saveSteps([step(record.id, 'a', { status: 'running', attempt: 1 })]);
          await tx.appendEvents([{ type: 'started' }], at(10));
          wrote.open();
          await finish.opened;
        });
        await wrote.opened;
        try {
          const during = await within(store.findExecution(record.id), 'a read beside an open unit of work');
          expect(during?.execution.status).toBe('pending');
          expect(during?.steps.find((s) => s.stepId === 'a')?.status).toBe('pending');
          expect(await within(store.findEvents(record.id), 'an event read beside an open unit of work')).toEqual([]);
          expect(await within(store.findRunningExecutionIds(), 'a listing beside an open unit of work')).not.toContain(
            record.id,
          );
        } finally {
          finish.open();
          await work;
        }
        expect((await find(record.id)).execution.status).toBe('running');
        expect(await store.findEvents(record.id)).toHaveLength(1);
      });

      it('discards every write of a unit of work that throws, and rethrows its error', async () => {
        const record = await created({ status: 'pending', startedAt: null });
        const before = await find(record.id);
        const failure = new Error('the unit of work failed');
        await expect(
          store.withExecutionLock(record.id, async (tx) => {
            await tx.compareAndSetStatus(['pending'], 'running', { startedAt: at(10) });
            await tx.saveSteps([
              step(record.id, 'a', { status: 'completed', output: { lost: true } }),
              step(record.id, 'c', { status: 'running' }),
            ]);
            await tx.appendEvents([{ type: 'started' }, { type: 'step_started', stepId: 'a' }], at(10));
            await tx.claimStep('b', at(60_000), null);
            throw failure;
          }),
        ).rejects.toBe(failure);
        expect(await find(record.id)).toEqual(before);
        expect(await store.findEvents(record.id)).toEqual([]);
        // Neither the lease nor the sequence numbers were spent.
        expect(await lease(record.id, 'b', at(1_000), at(0))).toBe(true);
        const next = await store.withExecutionLock(record.id, (tx) => tx.appendEvents([{ type: 'started' }], at(20)));
        expect(next.map((e) => e.sequence)).toEqual([1]);
      });

      it('rejects a unit of work on an execution it does not know', async () => {
        await expect(store.withExecutionLock(newId(), (tx) => tx.loadExecution())).rejects.toThrow();
      });

      it('loads the execution and its steps as committed before the unit of work', async () => {
        const record = await created();
        await store.withExecutionLock(record.id, (tx) =>
          tx.saveSteps([step(record.id, 'a', { status: 'completed', output: 1 })]),
        );
        const loaded = await store.withExecutionLock(record.id, (tx) => tx.loadExecution());
        expect(sortedSnapshot(loaded)).toEqual(await find(record.id));
        expect(loaded.steps.find((s) => s.stepId === 'a')).toMatchObject({ status: 'completed', output: 1 });
      });

      it('runs one unit of work per execution at a time: concurrent read-modify-writes all count', async () => {
        const record = await created();
        const seen = await Promise.all(
          Array.from({ length: 6 }, () =>
            store.withExecutionLock(record.id, async (tx) => {
              const counter = counterOf((await tx.loadExecution()).steps);
              // Give another unit of work every chance to interleave here.
              await new Promise((resolve) => setTimeout(resolve, 5));
              await tx.saveSteps([step(record.id, 'a', { state: { counter: counter + 1 } })]);
              return counter;
            }),
          ),
        );
        expect([...seen].sort()).toEqual([0, 1, 2, 3, 4, 5]);
        expect(counterOf((await find(record.id)).steps)).toBe(6);
      });

      it('makes a second unit of work on the execution wait for the first, then see its writes', async () => {
        const record = await created();
        const loaded = gate();
        const finish = gate();
        const first = store.withExecutionLock(record.id, async (tx) => {
          await tx.loadExecution();
          await tx.saveSteps([step(record.id, 'a', { state: { counter: 1 } })]);
          loaded.open();
          await finish.opened;
          return 'first';
        });
        await loaded.opened;
        let secondDone = false;
        const second = store
          .withExecutionLock(record.id, async (tx) => counterOf((await tx.loadExecution()).steps))
          .finally(() => (secondDone = true));
        await new Promise((resolve) => setTimeout(resolve, BLOCKED_MS));
        const blocked = !secondDone;
        finish.open();
        expect(await first).toBe('first');
        expect(await second).toBe(1);
        expect(blocked).toBe(true);
      });

      besideOpenWork('lets units of work on different executions run at the same time', async () => {
        const held = await created();
        const other = await created();
        const loaded = gate();
        const finish = gate();
        const first = store.withExecutionLock(held.id, async (tx) => {
          await tx.loadExecution();
          await tx.saveSteps([step(held.id, 'a', { status: 'running' })]);
          await tx.appendEvents([{ type: 'step_started', stepId: 'a' }], at(1));
          loaded.open();
          await finish.opened;
        });
        await loaded.opened;
        try {
          const events = await within(
            store.withExecutionLock(other.id, async (tx) => {
              await tx.loadExecution();
              await tx.compareAndSetStatus(['running'], 'completed', { endedAt: at(2) });
              await tx.saveSteps([step(other.id, 'a', { status: 'completed' })]);
              return tx.appendEvents([{ type: 'completed' }], at(2));
            }),
            'a unit of work on another execution',
          );
          expect(events.map((e) => e.sequence)).toEqual([1]);
        } finally {
          finish.open();
          await first;
        }
        expect((await find(other.id)).execution.status).toBe('completed');
      });
    });

    describe('two processes over one journal', () => {
      it('each sees every commit of the other, through reads and units of work', async () => {
        const other = fixture.otherProcess;
        const record = await created();
        const stateOf = async (from: ExecutionStore, stepId: string) =>
          (await from.findExecution(record.id))?.steps.find((s) => s.stepId === stepId)?.state ?? null;
        const save = (from: ExecutionStore, stepId: string, state: unknown, load = true) =>
          from.withExecutionLock(record.id, async (tx) => {
            if (load) await tx.loadExecution();
            await tx.saveSteps([step(record.id, stepId, { state })]);
          });
        // Both have read (and may hold) the execution before anyone writes.
        expect(await stateOf(store, 'a')).toBeNull();
        expect(await stateOf(other, 'a')).toBeNull();

        await save(store, 'a', { v: 1 });
        expect(await stateOf(other, 'a')).toEqual({ v: 1 });
        await save(other, 'b', { v: 2 });
        expect(await stateOf(store, 'b')).toEqual({ v: 2 });
        const loaded = await store.withExecutionLock(record.id, (tx) => tx.loadExecution());
        expect(sortedSnapshot(loaded).steps.map((s) => s.state)).toEqual([{ v: 1 }, { v: 2 }]);

        // Writes without a load first, a status move and a new step are seen as well.
        await save(other, 'a', { v: 3 }, false);
        await other.withExecutionLock(record.id, async (tx) => {
          await tx.loadExecution();
          await tx.compareAndSetStatus(['running'], 'paused');
          await tx.saveSteps([step(record.id, 'c', { state: { v: 4 } })]);
        });
        const seen = await store.withExecutionLock(record.id, (tx) => tx.loadExecution());
        expect(seen.execution.status).toBe('paused');
        expect(sortedSnapshot(seen).steps.map((s) => [s.stepId, s.state])).toEqual([
          ['a', { v: 3 }],
          ['b', { v: 2 }],
          ['c', { v: 4 }],
        ]);
        expect(await find(record.id)).toEqual(sortedSnapshot((await other.findExecution(record.id))!));

        // What a failed unit of work wrote is seen by neither, also after the other writes again.
        await expect(
          other.withExecutionLock(record.id, async (tx) => {
            await tx.loadExecution();
            await tx.saveSteps([step(record.id, 'a', { state: { v: 'lost' } }), step(record.id, 'd')]);
            throw new Error('discarded');
          }),
        ).rejects.toThrow('discarded');
        await save(store, 'b', { v: 5 });
        for (const from of [store, other]) {
          const snapshot = sortedSnapshot((await from.findExecution(record.id))!);
          expect(snapshot.steps.map((s) => [s.stepId, s.state])).toEqual([
            ['a', { v: 3 }],
            ['b', { v: 5 }],
            ['c', { v: 4 }],
          ]);
        }
      });

      it('serialises read-modify-writes of both processes on one execution', async () => {
        const record = await created();
        const stores = [store, fixture.otherProcess];
        await Promise.all(
          Array.from({ length: 8 }, (_, i) =>
            stores[i % 2].withExecutionLock(record.id, async (tx) => {
              const counter = counterOf((await tx.loadExecution()).steps);
              await new Promise((resolve) => setTimeout(resolve, 2));
              await tx.saveSteps([step(record.id, 'a', { state: { counter: counter + 1 } })]);
            }),
          ),
        );
        expect(counterOf((await find(record.id)).steps)).toBe(8);
        expect(counterOf((await fixture.otherProcess.findExecution(record.id))!.steps)).toBe(8);
      });
    });

    describe('compareAndSetStatus', () => {
      it('moves the status only from an expected one, applies its patch and says whether it moved', async () => {
        const record = await created({ status: 'pending', startedAt: null, output: null });
        await store.withExecutionLock(record.id, async (tx) => {
          expect(await tx.compareAndSetStatus(['running', 'paused'], 'cancelled')).toBe(false);
          expect(await tx.compareAndSetStatus(['pending'], 'running', { startedAt: at(5), deadlineAt: at(9) })).toBe(
            true,
          );
          // Later calls in the same unit of work see the move.
          expect(await tx.compareAndSetStatus(['pending'], 'cancelled')).toBe(false);
        });
        expect((await find(record.id)).execution).toEqual({
          ...record,
          status: 'running',
          startedAt: at(5),
          deadlineAt: at(9),
        });
        const moved = await store.withExecutionLock(record.id, (tx) =>
          tx.compareAndSetStatus(['running'], 'failed', {
            output: { partial: [1] },
            error: 'NODE_TIMEOUT',
            cause: 'step a took too long',
            endedAt: at(20),
            redriveCount: 1,
          }),
        );
        expect(moved).toBe(true);
        expect((await find(record.id)).execution).toEqual({
          ...record,
          status: 'failed',
          startedAt: at(5),
          deadlineAt: at(9),
          output: { partial: [1] },
          error: 'NODE_TIMEOUT',
          cause: 'step a took too long',
          endedAt: at(20),
          redriveCount: 1,
        });
        const refused = await store.withExecutionLock(record.id, (tx) =>
          tx.compareAndSetStatus(['running'], 'completed', { output: 'ignored' }),
        );
        expect(refused).toBe(false);
        expect((await find(record.id)).execution).toMatchObject({ status: 'failed', output: { partial: [1] } });
      });
    });

    describe('saveSteps', () => {
      it('inserts new steps and replaces existing ones by stepId, leaving the others alone', async () => {
        const record = await created();
        const before = await find(record.id);
        const replaced = step(record.id, 'a', {
          status: 'retrying',
          attempt: 3,
          attemptOffset: 2,
          input: { again: true },
          error: { error: 'TRANSIENT', cause: 'try later', retryable: true },
          queued: true,
          wakeAt: at(2_000),
          state: { tries: 3 },
        });
        const added = [step(record.id, 'c[0].d', { nodeId: 'd' }), step(record.id, 'c[1].d', { nodeId: 'd' })];
        await store.withExecutionLock(record.id, (tx) => tx.saveSteps([replaced, ...added]));
        const after = await find(record.id);
        expect(after.steps).toEqual(
          sortSteps([replaced, before.steps.find((s) => s.stepId === 'b') as StepRecord, ...added]),
        );
        // Saving a step again replaces every field, clearing what it no longer has.
        const settled = step(record.id, 'a', {
          status: 'completed',
          attempt: 3,
          output: { ok: true },
          handles: ['out'],
        });
        await store.withExecutionLock(record.id, (tx) => tx.saveSteps([settled]));
        expect((await find(record.id)).steps.find((s) => s.stepId === 'a')).toEqual(settled);
      });
    });

    describe('appendEvents and findEvents', () => {
      it('numbers events 1, 2, 3… without gaps across units of work, stamped with the given time', async () => {
        const record = await created();
        const first = await store.withExecutionLock(record.id, (tx) =>
          tx.appendEvents(
            [
              { type: 'started', data: { mode: 'queued', input: { n: 1 } } },
              { type: 'step_started', stepId: 'a', attempt: 1 },
            ],
            at(100),
          ),
        );
        const empty = await store.withExecutionLock(record.id, (tx) => tx.appendEvents([], at(150)));
        const second = await store.withExecutionLock(record.id, async (tx) => [
          ...(await tx.appendEvents([{ type: 'step_completed', stepId: 'a', attempt: 1 }], at(200))),
          ...(await tx.appendEvents([{ type: 'completed', data: { output: null } }], at(200))),
        ]);
        expect(empty).toEqual([]);
        const expected: ExecutionEvent[] = [
          {
            executionId: record.id,
            sequence: 1,
            type: 'started',
            data: { mode: 'queued', input: { n: 1 } },
            timestamp: at(100),
          },
          { executionId: record.id, sequence: 2, type: 'step_started', stepId: 'a', attempt: 1, timestamp: at(100) },
          { executionId: record.id, sequence: 3, type: 'step_completed', stepId: 'a', attempt: 1, timestamp: at(200) },
          { executionId: record.id, sequence: 4, type: 'completed', data: { output: null }, timestamp: at(200) },
        ];
        expect([...first, ...second]).toEqual(expected);
        expect(await store.findEvents(record.id)).toEqual(expected);
      });

      it('numbers the events of concurrent units of work in commit order, each unit contiguous', async () => {
        const record = await created();
        const units = await Promise.all(
          Array.from({ length: 5 }, (_, unit) =>
            store.withExecutionLock(record.id, async (tx) => {
              await tx.loadExecution();
              return tx.appendEvents(
                [
                  { type: 'step_started', stepId: `s${unit}`, attempt: 1 },
                  { type: 'step_completed', stepId: `s${unit}`, attempt: 1 },
                ],
                at(unit),
              );
            }),
          ),
        );
        for (const events of units) expect(events[1].sequence).toBe(events[0].sequence + 1);
        const stored = await store.findEvents(record.id);
        expect(stored.map((e) => e.sequence)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        expect(stored).toEqual(units.flat().sort((x, y) => x.sequence - y.sequence));
      });

      it('answers only the events after afterSequence, and none for an execution it does not know', async () => {
        const record = await created();
        await store.withExecutionLock(record.id, (tx) =>
          tx.appendEvents(
            ['started', 'step_started', 'step_completed', 'completed'].map((type) => ({
              type: type as ExecutionEvent['type'],
            })),
            at(0),
          ),
        );
        expect((await store.findEvents(record.id, 2)).map((e) => [e.sequence, e.type])).toEqual([
          [3, 'step_completed'],
          [4, 'completed'],
        ]);
        expect(await store.findEvents(record.id, 4)).toEqual([]);
        expect((await store.findEvents(record.id, 0)).map((e) => e.sequence)).toEqual([1, 2, 3, 4]);
        expect(await store.findEvents(newId())).toEqual([]);
      });
    });

    describe('claimStep', () => {
      it('takes a free lease; with unlessLeasedAt refuses while a lease is valid then, takes it once expired', async () => {
        const record = await created();
        expect(await lease(record.id, 'a', at(30_000), at(0))).toBe(true);
        // Still valid at 10 s: refused, and the refusal changes nothing.
        expect(await lease(record.id, 'a', at(90_000), at(10_000))).toBe(false);
        expect(await lease(record.id, 'a', at(60_000), at(29_999))).toBe(false);
        // A lease ending exactly at unlessLeasedAt no longer counts.
        expect(await lease(record.id, 'a', at(60_000), at(30_000))).toBe(true);
        expect(await lease(record.id, 'a', at(120_000), at(59_000))).toBe(false);
        // Without unlessLeasedAt the claim always takes the lease (the holder renewing it).
        expect(await lease(record.id, 'a', at(120_000), null)).toBe(true);
        expect(await lease(record.id, 'a', at(200_000), at(119_000))).toBe(false);
        // Leases are per step.
        expect(await lease(record.id, 'b', at(5_000), at(119_000))).toBe(true);
      });
    });

    describe('loadAdmission', () => {
      it('reports no limits for an execution without a workflow or of a workflow without limits', async () => {
        const unlimited = await fixture.createWorkflow();
        for (const workflowId of [null, unlimited]) {
          const record = await created({ status: 'pending', startedAt: null, workflowId });
          const admission = await store.withExecutionLock(record.id, (tx) => tx.loadAdmission(new Date()));
          expect(admission).toMatchObject({ maxConcurrentExecutions: null, maxStartsPerMinute: null });
        }
      });

      it("reports the workflow's limits, its running executions and its starts in the minute before now", async () => {
        const workflowId = await fixture.createWorkflow({ maxConcurrentExecutions: 3, maxStartsPerMinute: 10 });
        const other = await fixture.createWorkflow({ maxConcurrentExecutions: 1, maxStartsPerMinute: 1 });
        const now = new Date(Math.floor(Date.now() / 1000) * 1000);
        const ago = (ms: number) => new Date(now.getTime() - ms);
        await created({ workflowId, status: 'running', startedAt: ago(30_000) });
        await created({ workflowId, status: 'running', startedAt: ago(90_000) });
        await created({ workflowId, status: 'completed', startedAt: ago(10_000), endedAt: ago(5_000) });
        await created({ workflowId, status: 'pending', startedAt: null });
        await created({ workflowId: other, status: 'running', startedAt: ago(1_000) });
        await created({ workflowId: null, status: 'running', startedAt: ago(1_000) });
        const admitting = await created({ workflowId, status: 'pending', startedAt: null });
        const admission = await store.withExecutionLock(admitting.id, (tx) => tx.loadAdmission(now));
        expect(admission).toEqual({
          maxConcurrentExecutions: 3,
          maxStartsPerMinute: 10,
          running: 2,
          recentStarts: [ago(30_000), ago(10_000)],
        });
      });

      it('reports only the newest maxStartsPerMinute starts when there are more, oldest first', async () => {
        const workflowId = await fixture.createWorkflow({ maxStartsPerMinute: 2 });
        const now = new Date(Math.floor(Date.now() / 1000) * 1000);
        const ago = (ms: number) => new Date(now.getTime() - ms);
        for (const ms of [40_000, 10_000, 30_000, 20_000])
          await created({ workflowId, status: 'completed', startedAt: ago(ms) });
        const admitting = await created({ workflowId, status: 'pending', startedAt: null });
        const admission = await store.withExecutionLock(admitting.id, (tx) => tx.loadAdmission(now));
        expect(admission.maxStartsPerMinute).toBe(2);
        expect(admission.recentStarts.slice(-2)).toEqual([ago(20_000), ago(10_000)]);
        expect(admission.recentStarts.every((start, i, all) => i === 0 || all[i - 1] <= start)).toBe(true);
      });

      it("makes admissions of a limited workflow take turns, so the next one counts the first one's start", async () => {
        const workflowId = await fixture.createWorkflow({ maxConcurrentExecutions: 1 });
        const x = await created({ workflowId, status: 'pending', startedAt: null });
        const y = await created({ workflowId, status: 'pending', startedAt: null });
        const now = new Date();
        const admitted = gate();
        const finish = gate();
        const first = store.withExecutionLock(x.id, async (tx) => {
          await tx.loadExecution();
          const admission = await tx.loadAdmission(now);
          await tx.compareAndSetStatus(['pending'], 'running', { startedAt: now });
          admitted.open();
          await finish.opened;
          return admission.running;
        });
        await admitted.opened;
        let secondDone = false;
        const second = store
          .withExecutionLock(y.id, async (tx) => {
            await tx.loadExecution();
            return (await tx.loadAdmission(now)).running;
          })
          .finally(() => (secondDone = true));
        await new Promise((resolve) => setTimeout(resolve, BLOCKED_MS));
        const blocked = !secondDone;
        finish.open();
        expect(await first).toBe(0);
        expect(await second).toBe(1);
        expect(blocked).toBe(true);
      });
    });

    describe('recovery queries', () => {
      it('findRunningExecutionIds lists running executions only, as committed', async () => {
        const running = await created();
        const pending = await created({ status: 'pending', startedAt: null });
        const paused = await created({ status: 'paused' });
        const completed = await created({ status: 'completed', endedAt: at(1) });
        await store.withExecutionLock(pending.id, (tx) => tx.compareAndSetStatus(['pending'], 'running'));
        await store.withExecutionLock(running.id, (tx) =>
          tx.compareAndSetStatus(['running'], 'cancelled', { endedAt: at(2) }),
        );
        const ids = await store.findRunningExecutionIds();
        expect(ids).toContain(pending.id);
        for (const id of [running.id, paused.id, completed.id]) expect(ids).not.toContain(id);
        expect(new Set(ids).size).toBe(ids.length);
      });

      it('findPendingExecutionIds lists pending executions created strictly before the instant', async () => {
        const old = await created({ status: 'pending', startedAt: null, createdAt: at(-60_000) });
        const fresh = await created({ status: 'pending', startedAt: null, createdAt: at(0) });
        const running = await created({ createdAt: at(-60_000) });
        const before = await store.findPendingExecutionIds(at(0));
        expect(before).toContain(old.id);
        expect(before).not.toContain(fresh.id);
        expect(before).not.toContain(running.id);
        expect(await store.findPendingExecutionIds(at(1))).toEqual(expect.arrayContaining([old.id, fresh.id]));
        expect(await store.findPendingExecutionIds(at(-60_000))).not.toContain(old.id);
      });
    });

    describe('findExecutionsWithStalledWork', () => {
      it('names executions whose queued work is overdue or whose runner stopped renewing, never parked ones', async () => {
        const parked = await created();
        await store.withExecutionLock(parked.id, (tx) =>
          tx.saveSteps([step(parked.id, 'a', { status: 'retrying', attempt: 2, queued: true, wakeAt: at(3_600_000) })]),
        );
        const claimed = await created();
        await store.withExecutionLock(claimed.id, async (tx) => {
          await tx.saveSteps([step(claimed.id, 'a', { status: 'running', attempt: 1, startedAt: at(0) })]);
          await tx.claimStep('a', at(5_000), null);
        });
        const idle = await created();
        const ours = (ids: string[]) => ids.filter((id) => [parked.id, claimed.id, idle.id].includes(id)).sort();

        expect(ours(await store.findExecutionsWithStalledWork(at(0), at(0)))).toEqual([]);
        expect(ours(await store.findExecutionsWithStalledWork(at(6_000), at(6_000)))).toEqual([claimed.id]);
        expect(ours(await store.findExecutionsWithStalledWork(at(3_600_001), at(3_600_001)))).toEqual(
          [parked.id, claimed.id].sort(),
        );
        // Only running executions have stalled work.
        await store.withExecutionLock(parked.id, (tx) => tx.compareAndSetStatus(['running'], 'paused'));
        expect(ours(await store.findExecutionsWithStalledWork(at(3_600_001), at(3_600_001)))).toEqual([claimed.id]);
      });
    });

    describe('renewStepLease', () => {
      it("renews a running step's lease at its attempt and reports the execution's status", async () => {
        const record = await created();
        await store.withExecutionLock(record.id, (tx) =>
          tx.saveSteps([step(record.id, 'a', { status: 'running', attempt: 2 })]),
        );
        expect(await lease(record.id, 'a', at(10_000), null)).toBe(true);
        const job = { executionId: record.id, stepId: 'a', attempt: 2 };
        expect(await store.renewStepLease(job, at(50_000))).toEqual({
          executionStatus: 'running',
          executionError: null,
        });
        // The renewed lease is what a claim now sees.
        expect(await lease(record.id, 'a', at(90_000), at(40_000))).toBe(false);
        expect(await lease(record.id, 'a', at(90_000), at(50_000))).toBe(true);

        await store.withExecutionLock(record.id, (tx) =>
          tx.compareAndSetStatus(['running'], 'cancelled', { error: 'EXECUTION_CANCELLED', endedAt: at(60_000) }),
        );
        expect(await store.renewStepLease(job, at(100_000))).toEqual({
          executionStatus: 'cancelled',
          executionError: 'EXECUTION_CANCELLED',
        });
      });

      it('answers null, renewing nothing, when the step is not running at that attempt', async () => {
        const record = await created();
        await store.withExecutionLock(record.id, (tx) =>
          tx.saveSteps([step(record.id, 'a', { status: 'running', attempt: 2 })]),
        );
        expect(await lease(record.id, 'a', at(10_000), null)).toBe(true);
        const renew = (stepId: string, attempt: number, executionId = record.id) =>
          store.renewStepLease({ executionId, stepId, attempt }, at(500_000));
        expect(await renew('a', 1)).toBeNull();
        expect(await renew('a', 3)).toBeNull();
        expect(await renew('b', 0)).toBeNull();
        expect(await renew('nope', 1)).toBeNull();
        expect(await renew('a', 2, newId())).toBeNull();
        expect(await lease(record.id, 'a', at(90_000), at(10_000))).toBe(true);
        await store.withExecutionLock(record.id, (tx) =>
          tx.saveSteps([step(record.id, 'a', { status: 'completed', attempt: 2 })]),
        );
        expect(await renew('a', 2)).toBeNull();
      });
    });

    describe('importExecution', () => {
      it('writes the execution, its steps with their leases and its numbered events in one go', async () => {
        const record = execution({ status: 'running', startedAt: at(0), mode: 'immediate', durability: 'standard' });
        const steps = [
          step(record.id, 'a', { status: 'completed', attempt: 1, output: { a: 1 }, handles: ['out'] }),
          step(record.id, 'b', { status: 'running', attempt: 1, input: { a: 1 }, startedAt: at(10) }),
          step(record.id, 'c', { status: 'pending', queued: true, wakeAt: at(5_000) }),
        ];
        const events: ExecutionEvent[] = [
          { executionId: record.id, sequence: 1, type: 'started', data: { mode: 'immediate' }, timestamp: at(0) },
          { executionId: record.id, sequence: 2, type: 'step_started', stepId: 'a', attempt: 1, timestamp: at(1) },
          { executionId: record.id, sequence: 3, type: 'step_completed', stepId: 'a', attempt: 1, timestamp: at(2) },
          { executionId: record.id, sequence: 4, type: 'step_started', stepId: 'b', attempt: 1, timestamp: at(10) },
        ];
        await store.importExecution({ execution: record, steps }, events, [{ stepId: 'b', leaseUntil: at(30_000) }]);

        expect(await find(record.id)).toEqual(sortedSnapshot({ execution: record, steps }));
        expect(await store.findEvents(record.id)).toEqual(events);
        expect(await store.findEvents(record.id, 3)).toEqual(events.slice(3));
        expect(await store.findRunningExecutionIds()).toContain(record.id);
        // b's lease came along: a recovered duplicate may not run it while it is valid.
        expect(await lease(record.id, 'b', at(60_000), at(20_000))).toBe(false);
        expect(await lease(record.id, 'a', at(60_000), at(20_000))).toBe(true);
        expect(await store.renewStepLease({ executionId: record.id, stepId: 'b', attempt: 1 }, at(40_000))).toEqual({
          executionStatus: 'running',
          executionError: null,
        });
        const next = await store.withExecutionLock(record.id, (tx) =>
          tx.appendEvents([{ type: 'step_completed', stepId: 'b', attempt: 1 }], at(50)),
        );
        expect(next.map((e) => e.sequence)).toEqual([5]);
      });

      it('imports an ended execution without events or leases; its first event is then 1', async () => {
        const record = execution({ status: 'completed', startedAt: at(0), endedAt: at(5), output: { done: true } });
        await store.importExecution(
          { execution: record, steps: [step(record.id, 'a', { status: 'completed' })] },
          [],
          [],
        );
        expect((await find(record.id)).execution).toEqual(record);
        expect(await store.findEvents(record.id)).toEqual([]);
        const next = await store.withExecutionLock(record.id, (tx) => tx.appendEvents([{ type: 'completed' }], at(6)));
        expect(next.map((e) => e.sequence)).toEqual([1]);
      });

      it('refuses an execution that exists and leaves it as it was', async () => {
        const record = await created();
        await store.withExecutionLock(record.id, (tx) => tx.appendEvents([{ type: 'started' }], at(0)));
        const before = await find(record.id);
        const imported = { ...record, status: 'completed' as const };
        await expect(
          store.importExecution(
            { execution: imported, steps: [step(record.id, 'z')] },
            [{ executionId: record.id, sequence: 1, type: 'completed', timestamp: at(9) }],
            [],
          ),
        ).rejects.toThrow();
        expect(await find(record.id)).toEqual(before);
        expect((await store.findEvents(record.id)).map((e) => e.type)).toEqual(['started']);
      });
    });
  });
}

/** An instant `ms` after the suite's fixed origin (millisecond precision survives every store). */
function at(ms: number): Date {
  return new Date(Date.UTC(2026, 0, 1) + ms);
}

function newId(): string {
  return globalThis.crypto.randomUUID();
}

function executionRecord(workspaceId: string, overrides: Partial<ExecutionRecord>): ExecutionRecord {
  return {
    id: newId(),
    workspaceId,
    workflowId: null,
    workflowVersionId: null,
    format: 'graph',
    definition: { nodes: [{ id: 'a' }, { id: 'b' }], edges: [] },
    input: { n: 1 },
    output: null,
    status: 'pending',
    mode: 'queued',
    durability: 'standard',
    error: null,
    cause: null,
    createdAt: at(0),
    startedAt: null,
    endedAt: null,
    deadlineAt: null,
    redriveCount: 0,
    trigger: 'manual',
    priority: 0,
    tags: [],
    ...overrides,
  };
}

function step(executionId: string, stepId: string, overrides: Partial<StepRecord> = {}): StepRecord {
  return { ...newStepRecord(executionId, stepId, stepId), ...overrides };
}

/** The order of steps is not part of the contract. */
function sortSteps(steps: StepRecord[]): StepRecord[] {
  return [...steps].sort((x, y) => (x.stepId < y.stepId ? -1 : x.stepId > y.stepId ? 1 : 0));
}

function sortedSnapshot(snapshot: ExecutionSnapshot): ExecutionSnapshot {
  return { execution: snapshot.execution, steps: sortSteps(snapshot.steps) };
}

function counterOf(steps: StepRecord[]): number {
  const state = steps.find((s) => s.stepId === 'a')?.state as { counter?: number } | null;
  return state?.counter ?? 0;
}

/** Runs a mutation that a frozen record refuses (TypeError in strict mode); other errors are real. */
function attempt(mutate: () => unknown): void {
  try {
    mutate();
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
  }
}

function gate(): { opened: Promise<void>; open(): void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/** `work`, or a clear failure if it does not settle within PROGRESS_MS (it is blocked). */
async function within<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${PROGRESS_MS} ms`)), PROGRESS_MS);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
