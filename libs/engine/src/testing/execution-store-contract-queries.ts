import { describe, expect, it } from '@jest/globals';
import type { ExecutionEvent, ExecutionRecord, ExecutionSnapshot, StepRecord } from '../execution/execution-record.js';
import type { ExecutionStore } from '../ports/execution-store.port.js';
import * as support from './execution-store-contract-support.js';
import type { ContractHarness } from './execution-store-contract-support.js';

/** The contract of events, leases, admission, recovery queries and imports. */
export function describeQueryContract(h: ContractHarness): void {
  const { besideOpenWork, execution, find, created, lease } = h;
  const { at, newId, step, sortSteps, sortedSnapshot, counterOf, attempt, gate, within, PROGRESS_MS, BLOCKED_MS } =
    support;
  describe('appendEvents and findEvents', () => {
    it('numbers events 1, 2, 3… without gaps across units of work, stamped with the given time', async () => {
      const record = await created();
      const first = await h.store.withExecutionLock(record.id, (tx) =>
        tx.appendEvents(
          [
            { type: 'started', data: { mode: 'queued', input: { n: 1 } } },
            { type: 'step_started', stepId: 'a', attempt: 1 },
          ],
          at(100),
        ),
      );
      const empty = await h.store.withExecutionLock(record.id, (tx) => tx.appendEvents([], at(150)));
      const second = await h.store.withExecutionLock(record.id, async (tx) => [
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
      expect(await h.store.findEvents(record.id)).toEqual(expected);
    });

    it('numbers the events of concurrent units of work in commit order, each unit contiguous', async () => {
      const record = await created();
      const units = await Promise.all(
        Array.from({ length: 5 }, (_, unit) =>
          h.store.withExecutionLock(record.id, async (tx) => {
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
      const stored = await h.store.findEvents(record.id);
      expect(stored.map((e) => e.sequence)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(stored).toEqual(units.flat().sort((x, y) => x.sequence - y.sequence));
    });

    it('answers only the events after afterSequence, and none for an execution it does not know', async () => {
      const record = await created();
      await h.store.withExecutionLock(record.id, (tx) =>
        tx.appendEvents(
          ['started', 'step_started', 'step_completed', 'completed'].map((type) => ({
            type: type as ExecutionEvent['type'],
          })),
          at(0),
        ),
      );
      expect((await h.store.findEvents(record.id, 2)).map((e) => [e.sequence, e.type])).toEqual([
        [3, 'step_completed'],
        [4, 'completed'],
      ]);
      expect(await h.store.findEvents(record.id, 4)).toEqual([]);
      expect((await h.store.findEvents(record.id, 0)).map((e) => e.sequence)).toEqual([1, 2, 3, 4]);
      expect(await h.store.findEvents(newId())).toEqual([]);
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
      const unlimited = await h.fixture.createWorkflow();
      for (const workflowId of [null, unlimited]) {
        const record = await created({ status: 'pending', startedAt: null, workflowId });
        const admission = await h.store.withExecutionLock(record.id, (tx) => tx.loadAdmission(new Date()));
        expect(admission).toMatchObject({ maxConcurrentExecutions: null, maxStartsPerMinute: null });
      }
    });

    it("reports the workflow's limits, its running executions and its starts in the minute before now", async () => {
      const workflowId = await h.fixture.createWorkflow({ maxConcurrentExecutions: 3, maxStartsPerMinute: 10 });
      const other = await h.fixture.createWorkflow({ maxConcurrentExecutions: 1, maxStartsPerMinute: 1 });
      const now = new Date(Math.floor(Date.now() / 1000) * 1000);
      const ago = (ms: number) => new Date(now.getTime() - ms);
      await created({ workflowId, status: 'running', startedAt: ago(30_000) });
      await created({ workflowId, status: 'running', startedAt: ago(90_000) });
      await created({ workflowId, status: 'completed', startedAt: ago(10_000), endedAt: ago(5_000) });
      await created({ workflowId, status: 'pending', startedAt: null });
      await created({ workflowId: other, status: 'running', startedAt: ago(1_000) });
      await created({ workflowId: null, status: 'running', startedAt: ago(1_000) });
      const admitting = await created({ workflowId, status: 'pending', startedAt: null });
      const admission = await h.store.withExecutionLock(admitting.id, (tx) => tx.loadAdmission(now));
      expect(admission).toEqual({
        maxConcurrentExecutions: 3,
        maxStartsPerMinute: 10,
        running: 2,
        recentStarts: [ago(30_000), ago(10_000)],
      });
    });

    it('reports only the newest maxStartsPerMinute starts when there are more, oldest first', async () => {
      const workflowId = await h.fixture.createWorkflow({ maxStartsPerMinute: 2 });
      const now = new Date(Math.floor(Date.now() / 1000) * 1000);
      const ago = (ms: number) => new Date(now.getTime() - ms);
      for (const ms of [40_000, 10_000, 30_000, 20_000])
        await created({ workflowId, status: 'completed', startedAt: ago(ms) });
      const admitting = await created({ workflowId, status: 'pending', startedAt: null });
      const admission = await h.store.withExecutionLock(admitting.id, (tx) => tx.loadAdmission(now));
      expect(admission.maxStartsPerMinute).toBe(2);
      expect(admission.recentStarts.slice(-2)).toEqual([ago(20_000), ago(10_000)]);
      expect(admission.recentStarts.every((start, i, all) => i === 0 || all[i - 1] <= start)).toBe(true);
    });

    it("makes admissions of a limited workflow take turns, so the next one counts the first one's start", async () => {
      const workflowId = await h.fixture.createWorkflow({ maxConcurrentExecutions: 1 });
      const x = await created({ workflowId, status: 'pending', startedAt: null });
      const y = await created({ workflowId, status: 'pending', startedAt: null });
      const now = new Date();
      const admitted = gate();
      const finish = gate();
      const first = h.store.withExecutionLock(x.id, async (tx) => {
        await tx.loadExecution();
        const admission = await tx.loadAdmission(now);
        await tx.compareAndSetStatus(['pending'], 'running', { startedAt: now });
        admitted.open();
        await finish.opened;
        return admission.running;
      });
      await admitted.opened;
      let secondDone = false;
      const second = h.store
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
      await h.store.withExecutionLock(pending.id, (tx) => tx.compareAndSetStatus(['pending'], 'running'));
      await h.store.withExecutionLock(running.id, (tx) =>
        tx.compareAndSetStatus(['running'], 'cancelled', { endedAt: at(2) }),
      );
      const ids = await h.store.findRunningExecutionIds();
      expect(ids).toContain(pending.id);
      for (const id of [running.id, paused.id, completed.id]) expect(ids).not.toContain(id);
      expect(new Set(ids).size).toBe(ids.length);
    });

    it('findPendingExecutionIds lists pending executions created strictly before the instant', async () => {
      const old = await created({ status: 'pending', startedAt: null, createdAt: at(-60_000) });
      const fresh = await created({ status: 'pending', startedAt: null, createdAt: at(0) });
      const running = await created({ createdAt: at(-60_000) });
      const before = await h.store.findPendingExecutionIds(at(0));
      expect(before).toContain(old.id);
      expect(before).not.toContain(fresh.id);
      expect(before).not.toContain(running.id);
      expect(await h.store.findPendingExecutionIds(at(1))).toEqual(expect.arrayContaining([old.id, fresh.id]));
      expect(await h.store.findPendingExecutionIds(at(-60_000))).not.toContain(old.id);
    });
  });

  describe('findExecutionsWithStalledWork', () => {
    it('names executions whose queued work is overdue or whose runner stopped renewing, never parked ones', async () => {
      const parked = await created();
      await h.store.withExecutionLock(parked.id, (tx) =>
        tx.saveSteps([step(parked.id, 'a', { status: 'retrying', attempt: 2, queued: true, wakeAt: at(3_600_000) })]),
      );
      const claimed = await created();
      await h.store.withExecutionLock(claimed.id, async (tx) => {
        await tx.saveSteps([step(claimed.id, 'a', { status: 'running', attempt: 1, startedAt: at(0) })]);
        await tx.claimStep('a', at(5_000), null);
      });
      const idle = await created();
      const ours = (ids: string[]) => ids.filter((id) => [parked.id, claimed.id, idle.id].includes(id)).sort();

      expect(ours(await h.store.findExecutionsWithStalledWork(at(0), at(0)))).toEqual([]);
      expect(ours(await h.store.findExecutionsWithStalledWork(at(6_000), at(6_000)))).toEqual([claimed.id]);
      expect(ours(await h.store.findExecutionsWithStalledWork(at(3_600_001), at(3_600_001)))).toEqual(
        [parked.id, claimed.id].sort(),
      );
      // Only running executions have stalled work.
      await h.store.withExecutionLock(parked.id, (tx) => tx.compareAndSetStatus(['running'], 'paused'));
      expect(ours(await h.store.findExecutionsWithStalledWork(at(3_600_001), at(3_600_001)))).toEqual([claimed.id]);
    });
  });

  describe('renewStepLease', () => {
    it("renews a running step's lease at its attempt and reports the execution's status", async () => {
      const record = await created();
      await h.store.withExecutionLock(record.id, (tx) =>
        tx.saveSteps([step(record.id, 'a', { status: 'running', attempt: 2 })]),
      );
      expect(await lease(record.id, 'a', at(10_000), null)).toBe(true);
      const job = { executionId: record.id, stepId: 'a', attempt: 2 };
      expect(await h.store.renewStepLease(job, at(50_000))).toEqual({
        executionStatus: 'running',
        executionError: null,
      });
      // The renewed lease is what a claim now sees.
      expect(await lease(record.id, 'a', at(90_000), at(40_000))).toBe(false);
      expect(await lease(record.id, 'a', at(90_000), at(50_000))).toBe(true);

      await h.store.withExecutionLock(record.id, (tx) =>
        tx.compareAndSetStatus(['running'], 'cancelled', { error: 'EXECUTION_CANCELLED', endedAt: at(60_000) }),
      );
      expect(await h.store.renewStepLease(job, at(100_000))).toEqual({
        executionStatus: 'cancelled',
        executionError: 'EXECUTION_CANCELLED',
      });
    });

    it('answers null, renewing nothing, when the step is not running at that attempt', async () => {
      const record = await created();
      await h.store.withExecutionLock(record.id, (tx) =>
        tx.saveSteps([step(record.id, 'a', { status: 'running', attempt: 2 })]),
      );
      expect(await lease(record.id, 'a', at(10_000), null)).toBe(true);
      const renew = (stepId: string, attempt: number, executionId = record.id) =>
        h.store.renewStepLease({ executionId, stepId, attempt }, at(500_000));
      expect(await renew('a', 1)).toBeNull();
      expect(await renew('a', 3)).toBeNull();
      expect(await renew('b', 0)).toBeNull();
      expect(await renew('nope', 1)).toBeNull();
      expect(await renew('a', 2, newId())).toBeNull();
      expect(await lease(record.id, 'a', at(90_000), at(10_000))).toBe(true);
      await h.store.withExecutionLock(record.id, (tx) =>
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
      await h.store.importExecution({ execution: record, steps }, events, [{ stepId: 'b', leaseUntil: at(30_000) }]);

      expect(await find(record.id)).toEqual(sortedSnapshot({ execution: record, steps }));
      expect(await h.store.findEvents(record.id)).toEqual(events);
      expect(await h.store.findEvents(record.id, 3)).toEqual(events.slice(3));
      expect(await h.store.findRunningExecutionIds()).toContain(record.id);
      // b's lease came along: a recovered duplicate may not run it while it is valid.
      expect(await lease(record.id, 'b', at(60_000), at(20_000))).toBe(false);
      expect(await lease(record.id, 'a', at(60_000), at(20_000))).toBe(true);
      expect(await h.store.renewStepLease({ executionId: record.id, stepId: 'b', attempt: 1 }, at(40_000))).toEqual({
        executionStatus: 'running',
        executionError: null,
      });
      const next = await h.store.withExecutionLock(record.id, (tx) =>
        tx.appendEvents([{ type: 'step_completed', stepId: 'b', attempt: 1 }], at(50)),
      );
      expect(next.map((e) => e.sequence)).toEqual([5]);
    });

    it('imports an ended execution without events or leases; its first event is then 1', async () => {
      const record = execution({ status: 'completed', startedAt: at(0), endedAt: at(5), output: { done: true } });
      await h.store.importExecution(
        { execution: record, steps: [step(record.id, 'a', { status: 'completed' })] },
        [],
        [],
      );
      expect((await find(record.id)).execution).toEqual(record);
      expect(await h.store.findEvents(record.id)).toEqual([]);
      const next = await h.store.withExecutionLock(record.id, (tx) => tx.appendEvents([{ type: 'completed' }], at(6)));
      expect(next.map((e) => e.sequence)).toEqual([1]);
    });

    it('refuses an execution that exists and leaves it as it was', async () => {
      const record = await created();
      await h.store.withExecutionLock(record.id, (tx) => tx.appendEvents([{ type: 'started' }], at(0)));
      const before = await find(record.id);
      const imported = { ...record, status: 'completed' as const };
      await expect(
        h.store.importExecution(
          { execution: imported, steps: [step(record.id, 'z')] },
          [{ executionId: record.id, sequence: 1, type: 'completed', timestamp: at(9) }],
          [],
        ),
      ).rejects.toThrow();
      expect(await find(record.id)).toEqual(before);
      expect((await h.store.findEvents(record.id)).map((e) => e.type)).toEqual(['started']);
    });
  });
}
