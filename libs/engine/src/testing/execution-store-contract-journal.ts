import { describe, expect, it } from '@jest/globals';
import type { ExecutionEvent, ExecutionRecord, ExecutionSnapshot, StepRecord } from '../execution/execution-record.js';
import type { ExecutionStore } from '../ports/execution-store.port.js';
import * as support from './execution-store-contract-support.js';
import type { ContractHarness } from './execution-store-contract-support.js';

/** The contract of creating, locking and writing executions and their steps (one process and two). */
export function describeJournalContract(h: ContractHarness): void {
  const { besideOpenWork, execution, find, created, lease } = h;
  const { at, newId, step, sortSteps, sortedSnapshot, counterOf, attempt, gate, within, PROGRESS_MS, BLOCKED_MS } =
    support;
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
      await h.store.createExecution(record, steps);
      expect(await find(record.id)).toEqual(sortedSnapshot({ execution: record, steps }));
    });

    it('answers null for an execution it does not know', async () => {
      expect(await h.store.findExecution(newId())).toBeNull();
    });

    it('refuses a second execution with the same id and keeps the first', async () => {
      const record = await created();
      const before = await find(record.id);
      await expect(h.store.createExecution({ ...record, input: { other: true } }, [])).rejects.toThrow();
      expect(await find(record.id)).toEqual(before);
    });

    it('keeps what it stores apart from the objects callers handed in or got back', async () => {
      const record = execution({ input: { nested: { n: 1 } }, tags: ['t'] });
      const steps = [step(record.id, 'a', { state: { counter: 1 } })];
      await h.store.createExecution(record, steps);
      const before = await find(record.id);
      (record.input as { nested: { n: number } }).nested.n = 2;
      record.tags.push('changed');
      (steps[0].state as { counter: number }).counter = 2;
      const read = (await h.store.findExecution(record.id))!;
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
      const result = await h.store.withExecutionLock(record.id, async (tx) => {
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
      expect((await h.store.findEvents(record.id)).map((e) => [e.sequence, e.type])).toEqual([
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
      const work = h.store.withExecutionLock(record.id, async (tx) => {
        await tx.loadExecution();
        await tx.compareAndSetStatus(['pending'], 'running', { startedAt: at(10) });
        await tx.saveSteps([step(record.id, 'a', { status: 'running', attempt: 1 })]);
        await tx.appendEvents([{ type: 'started' }], at(10));
        wrote.open();
        await finish.opened;
      });
      await wrote.opened;
      try {
        const during = await within(h.store.findExecution(record.id), 'a read beside an open unit of work');
        expect(during?.execution.status).toBe('pending');
        expect(during?.steps.find((s) => s.stepId === 'a')?.status).toBe('pending');
        expect(await within(h.store.findEvents(record.id), 'an event read beside an open unit of work')).toEqual([]);
        expect(await within(h.store.findRunningExecutionIds(), 'a listing beside an open unit of work')).not.toContain(
          record.id,
        );
      } finally {
        finish.open();
        await work;
      }
      expect((await find(record.id)).execution.status).toBe('running');
      expect(await h.store.findEvents(record.id)).toHaveLength(1);
    });

    it('discards every write of a unit of work that throws, and rethrows its error', async () => {
      const record = await created({ status: 'pending', startedAt: null });
      const before = await find(record.id);
      const failure = new Error('the unit of work failed');
      await expect(
        h.store.withExecutionLock(record.id, async (tx) => {
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
      expect(await h.store.findEvents(record.id)).toEqual([]);
      // Neither the lease nor the sequence numbers were spent.
      expect(await lease(record.id, 'b', at(1_000), at(0))).toBe(true);
      const next = await h.store.withExecutionLock(record.id, (tx) => tx.appendEvents([{ type: 'started' }], at(20)));
      expect(next.map((e) => e.sequence)).toEqual([1]);
    });

    it('rejects a unit of work on an execution it does not know', async () => {
      await expect(h.store.withExecutionLock(newId(), (tx) => tx.loadExecution())).rejects.toThrow();
    });

    it('loads the execution and its steps as committed before the unit of work', async () => {
      const record = await created();
      await h.store.withExecutionLock(record.id, (tx) =>
        tx.saveSteps([step(record.id, 'a', { status: 'completed', output: 1 })]),
      );
      const loaded = await h.store.withExecutionLock(record.id, (tx) => tx.loadExecution());
      expect(sortedSnapshot(loaded)).toEqual(await find(record.id));
      expect(loaded.steps.find((s) => s.stepId === 'a')).toMatchObject({ status: 'completed', output: 1 });
    });

    it('runs one unit of work per execution at a time: concurrent read-modify-writes all count', async () => {
      const record = await created();
      const seen = await Promise.all(
        Array.from({ length: 6 }, () =>
          h.store.withExecutionLock(record.id, async (tx) => {
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
      const first = h.store.withExecutionLock(record.id, async (tx) => {
        await tx.loadExecution();
        await tx.saveSteps([step(record.id, 'a', { state: { counter: 1 } })]);
        loaded.open();
        await finish.opened;
        return 'first';
      });
      await loaded.opened;
      let secondDone = false;
      const second = h.store
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
      const first = h.store.withExecutionLock(held.id, async (tx) => {
        await tx.loadExecution();
        await tx.saveSteps([step(held.id, 'a', { status: 'running' })]);
        await tx.appendEvents([{ type: 'step_started', stepId: 'a' }], at(1));
        loaded.open();
        await finish.opened;
      });
      await loaded.opened;
      try {
        const events = await within(
          h.store.withExecutionLock(other.id, async (tx) => {
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
      const other = h.fixture.otherProcess;
      const record = await created();
      const stateOf = async (from: ExecutionStore, stepId: string) =>
        (await from.findExecution(record.id))?.steps.find((s) => s.stepId === stepId)?.state ?? null;
      const save = (from: ExecutionStore, stepId: string, state: unknown, load = true) =>
        from.withExecutionLock(record.id, async (tx) => {
          if (load) await tx.loadExecution();
          await tx.saveSteps([step(record.id, stepId, { state })]);
        });
      // Both have read (and may hold) the execution before anyone writes.
      expect(await stateOf(h.store, 'a')).toBeNull();
      expect(await stateOf(other, 'a')).toBeNull();

      await save(h.store, 'a', { v: 1 });
      expect(await stateOf(other, 'a')).toEqual({ v: 1 });
      await save(other, 'b', { v: 2 });
      expect(await stateOf(h.store, 'b')).toEqual({ v: 2 });
      const loaded = await h.store.withExecutionLock(record.id, (tx) => tx.loadExecution());
      expect(sortedSnapshot(loaded).steps.map((s) => s.state)).toEqual([{ v: 1 }, { v: 2 }]);

      // Writes without a load first, a status move and a new step are seen as well.
      await save(other, 'a', { v: 3 }, false);
      await other.withExecutionLock(record.id, async (tx) => {
        await tx.loadExecution();
        await tx.compareAndSetStatus(['running'], 'paused');
        await tx.saveSteps([step(record.id, 'c', { state: { v: 4 } })]);
      });
      const seen = await h.store.withExecutionLock(record.id, (tx) => tx.loadExecution());
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
      await save(h.store, 'b', { v: 5 });
      for (const from of [h.store, other]) {
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
      const stores = [h.store, h.fixture.otherProcess];
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
      expect(counterOf((await h.fixture.otherProcess.findExecution(record.id))!.steps)).toBe(8);
    });
  });

  describe('compareAndSetStatus', () => {
    it('moves the status only from an expected one, applies its patch and says whether it moved', async () => {
      const record = await created({ status: 'pending', startedAt: null, output: null });
      await h.store.withExecutionLock(record.id, async (tx) => {
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
      const moved = await h.store.withExecutionLock(record.id, (tx) =>
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
      const refused = await h.store.withExecutionLock(record.id, (tx) =>
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
      await h.store.withExecutionLock(record.id, (tx) => tx.saveSteps([replaced, ...added]));
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
      await h.store.withExecutionLock(record.id, (tx) => tx.saveSteps([settled]));
      expect((await find(record.id)).steps.find((s) => s.stepId === 'a')).toEqual(settled);
    });

    it('keeps a payload saved again as the loaded object, and replaces one that changed, for every reader', async () => {
      const record = await created();
      const input = { items: Array.from({ length: 50 }, (_, i) => ({ i })) };
      await h.store.withExecutionLock(record.id, async (tx) => {
        await tx.loadExecution();
        await tx.saveSteps([step(record.id, 'a', { status: 'running', input, state: { progress: 0 } })]);
      });
      // Later units of work save the row again with the very objects they loaded.
      for (const progress of [1, 2]) {
        await h.store.withExecutionLock(record.id, async (tx) => {
          const loaded = (await tx.loadExecution()).steps.find((s) => s.stepId === 'a')!;
          await tx.saveSteps([{ ...loaded, state: { progress } }]);
        });
      }
      await h.store.withExecutionLock(record.id, async (tx) => {
        const loaded = (await tx.loadExecution()).steps.find((s) => s.stepId === 'a')!;
        await tx.saveSteps([{ ...loaded, output: { done: true } }]);
      });
      for (const from of [h.store, h.fixture.otherProcess]) {
        const saved = (await from.findExecution(record.id))!.steps.find((s) => s.stepId === 'a')!;
        expect(saved).toMatchObject({ input, state: { progress: 2 }, output: { done: true } });
      }
      // A payload cleared to null is written as null, not kept.
      await h.store.withExecutionLock(record.id, async (tx) => {
        const loaded = (await tx.loadExecution()).steps.find((s) => s.stepId === 'a')!;
        await tx.saveSteps([{ ...loaded, input: null, state: null }]);
      });
      for (const from of [h.store, h.fixture.otherProcess]) {
        const saved = (await from.findExecution(record.id))!.steps.find((s) => s.stepId === 'a')!;
        expect(saved).toMatchObject({ input: null, state: null, output: { done: true } });
      }
    });
  });
}
