import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RunningBaton } from '../../../api/src/bootstrap/start-baton';
import { eventually, TestApiClient } from '../support/api-client';
import { setUpOwner } from '../support/identities';
import { startInProcessBaton } from '../support/in-process-baton';
import { ALL_TIERS, prepareTier, type TierEnvironment, type TierName } from '../support/test-tiers';
import {
  conditionGraph,
  delayGraph,
  errorHandleGraph,
  loopGraph,
  parallelGraph,
  retryGraph,
  timeoutGraph,
  twoTerminalsGraph,
} from './scenario-graphs';
import {
  createWorkflow,
  execute,
  getExecution,
  httpOutput,
  runQueued,
  stepOf,
  stepRows,
  timeOf,
  untilTerminal,
} from './scenario-runs';
import { maxInFlight, startStubHttpServer, type StubHttpServer } from './stub-http-server';

// Three workers per process: enough for the three parallel branches, and few enough that three
// parked delays would starve a fourth run if a delay held its worker.
const WORKER_CONCURRENCY = 3;

/**
 * Whether a new job wakes idle workers at once, which the proofs of concurrency rely on. True on
 * every tier since the embedded database routes PGlite's NOTIFY to the listening connection
 * (apps/api/src/database/protocol-aware-query-queue.ts); kept so a tier can be exempted in one place.
 */
const workersWakeOnNewJobs = (_tier: TierName) => true;

for (const tier of ALL_TIERS) {
  describe(`graph scenarios on the ${tier} tier`, () => {
    let environment: TierEnvironment;
    let baton: RunningBaton;
    let api: TestApiClient;
    let stub: StubHttpServer;

    beforeAll(async () => {
      stub = await startStubHttpServer();
      environment = await prepareTier(tier);
      baton = await startInProcessBaton({ ...environment.env, BATON_WORKER_CONCURRENCY: String(WORKER_CONCURRENCY) });
      api = await setUpOwner(new TestApiClient(baton.url));
    });

    afterAll(async () => {
      await baton?.close();
      await stub?.close();
      await environment?.cleanup();
    });

    it('runs a fan-out of three branches at the same time and merges them', async () => {
      const execution = await runQueued(api, 'Parallel', parallelGraph(stub.baseUrl, 600), { user: 'ada' });
      const branch = (name: string) => httpOutput({ name });
      expect(execution).toMatchObject({ status: 'completed', mode: 'queued', error: null, cause: null });
      expect(execution.output).toEqual({ names: ['branch-a', 'branch-b', 'branch-c'], requestedBy: 'ada' });
      expect(stepRows(execution)).toEqual([
        ['a', 'completed', 1, branch('branch-a'), null],
        ['b', 'completed', 1, branch('branch-b'), null],
        ['c', 'completed', 1, branch('branch-c'), null],
        ['join', 'completed', 1, [branch('branch-a'), branch('branch-b'), branch('branch-c')], null],
        ['start', 'completed', 1, { user: 'ada' }, null],
        ['summary', 'completed', 1, { names: ['branch-a', 'branch-b', 'branch-c'], requestedBy: 'ada' }, null],
      ]);
      // The merge ran only after the last branch.
      const branches = ['a', 'b', 'c'].map((id) => stepOf(execution, id));
      expect(timeOf(stepOf(execution, 'join').startedAt)).toBeGreaterThanOrEqual(
        Math.max(...branches.map((s) => timeOf(s.endedAt))),
      );
      if (!workersWakeOnNewJobs(tier)) return;
      // Overlap, seen from both sides: the stub had all three calls open at once, and every
      // branch step started before any of them ended.
      expect(maxInFlight(stub.requests('/slow/branch-'))).toBe(3);
      expect(Math.max(...branches.map((s) => timeOf(s.startedAt)))).toBeLessThan(
        Math.min(...branches.map((s) => timeOf(s.endedAt))),
      );
    });

    it('skips the untaken branch of a condition down to the merge (queued and immediate)', async () => {
      const workflowId = await createWorkflow(api, 'Condition', conditionGraph());
      const small = { amount: 20 };
      const auto = { amount: 20, route: 'auto', approval: { by: 'system' } };
      const queued = await untilTerminal(api, (await execute(api, workflowId, small, 'queued')).executionId);
      expect(queued).toMatchObject({ status: 'completed', output: auto, error: null, cause: null });
      expect(stepRows(queued)).toEqual([
        ['auto', 'completed', 1, auto, null],
        ['check', 'completed', 1, small, null],
        ['join', 'completed', 1, [auto], null],
        ['notify', 'skipped', 0, null, null],
        ['result', 'completed', 1, auto, null],
        ['review', 'skipped', 0, null, null],
        ['start', 'completed', 1, small, null],
      ]);

      const big = { amount: 500 };
      const review = { amount: 500, route: 'manual review' };
      const started = await execute(api, workflowId, big, 'immediate');
      expect(started).toMatchObject({
        status: 'completed',
        mode: 'immediate',
        output: review,
        error: null,
        cause: null,
      });
      const immediate = await getExecution(api, started.executionId);
      expect(immediate).toMatchObject({ status: 'completed', mode: 'immediate', output: review });
      expect(stepRows(immediate)).toEqual([
        ['auto', 'skipped', 0, null, null],
        ['check', 'completed', 1, big, null],
        ['join', 'completed', 1, [review], null],
        ['notify', 'completed', 1, review, null],
        ['result', 'completed', 1, review, null],
        ['review', 'completed', 1, review, null],
        ['start', 'completed', 1, big, null],
      ]);
    });

    it('loops over an array two at a time and keeps the results in item order', async () => {
      // The first item is slow, so the later ones finish first through the second slot.
      const orders = [
        { id: 'a', qty: 1, ms: 500 },
        { id: 'b', qty: 2, ms: 50 },
        { id: 'c', qty: 3, ms: 50 },
        { id: 'd', qty: 4, ms: 50 },
      ];
      const execution = await runQueued(api, 'Loop', loopGraph(stub.baseUrl), { orders });
      const priced = orders.map((o, i) => ({ name: `item-${o.id}`, position: i, total: o.qty * 10 }));
      expect(execution).toMatchObject({ status: 'completed', output: { orders: 4, sum: 100 }, error: null });
      expect(stepRows(execution)).toEqual([
        ['each', 'completed', 1, priced, null],
        ...orders.flatMap((o, i) => [
          [`each[${i}].fetch`, 'completed', 1, httpOutput({ name: `item-${o.id}` }), null],
          [`each[${i}].price`, 'completed', 1, priced[i], null],
        ]),
        ['start', 'completed', 1, { orders }, null],
        ['total', 'completed', 1, { orders: 4, sum: 100 }, null],
      ]);
      const calls = stub.requests('/slow/item-');
      expect(calls.map((c) => c.status)).toEqual([200, 200, 200, 200]);
      expect(maxInFlight(calls)).toBeLessThanOrEqual(2);
      if (!workersWakeOnNewJobs(tier)) return;
      expect(maxInFlight(calls)).toBe(2);
      expect(
        calls
          .map((c) => c.path)
          .slice(0, 2)
          .sort(),
      ).toEqual(['/slow/item-a', '/slow/item-b']);
      // Item b finished before item a, yet a's result comes first.
      const endOf = (path: string) => calls.find((c) => c.path === path)!.endedAt!;
      expect(endOf('/slow/item-b')).toBeLessThan(endOf('/slow/item-a'));
    });

    it('retries a failing call with back-off and succeeds on the third attempt', async () => {
      const initialIntervalMs = 200;
      const execution = await runQueued(api, 'Retry', retryGraph(stub.baseUrl, initialIntervalMs), { order: 1 });
      const body = { key: execution.id, calls: 3 };
      expect(execution).toMatchObject({ status: 'completed', output: body, error: null, cause: null });
      expect(stepRows(execution)).toEqual([
        ['call', 'completed', 3, httpOutput(body), null],
        ['result', 'completed', 1, body, null],
        ['start', 'completed', 1, { order: 1 }, null],
      ]);

      const logs = await api.get(`/api/executions/${execution.id}/logs`);
      expect(logs.status).toBe(200);
      const events: Array<{ type: string; stepId?: string; attempt?: number; data?: unknown }> = logs.body;
      const cause = `HTTP 500 from ${stub.baseUrl}/flaky/${execution.id}?fail=2`;
      expect(events.filter((e) => e.type === 'step_retrying')).toEqual([
        expect.objectContaining({
          stepId: 'call',
          attempt: 1,
          data: { error: 'HTTP_500', cause, retryable: true, nextAttempt: 2, delayMs: 200 },
        }),
        expect.objectContaining({
          stepId: 'call',
          attempt: 2,
          data: { error: 'HTTP_500', cause, retryable: true, nextAttempt: 3, delayMs: 400 },
        }),
      ]);
      expect(events.filter((e) => e.stepId === 'call').map((e) => [e.type, e.attempt])).toEqual([
        ['step_started', 1],
        ['step_retrying', 1],
        ['step_started', 2],
        ['step_retrying', 2],
        ['step_started', 3],
        ['step_completed', 3],
      ]);

      // The back-off was kept: each call came at least the policy's delay after the last answer.
      const calls = stub.requests(`/flaky/${execution.id}`);
      expect(calls.map((c) => c.status)).toEqual([500, 500, 200]);
      expect(calls[1].startedAt - calls[0].endedAt!).toBeGreaterThanOrEqual(initialIntervalMs);
      expect(calls[2].startedAt - calls[1].endedAt!).toBeGreaterThanOrEqual(initialIntervalMs * 2);
    });

    it.each([
      ['the node timeout', 'node' as const, () => 'Node "call" timed out after 300 ms'],
      ["the request's own timeout", 'request' as const, () => `GET ${stub.baseUrl}/hang did not answer within 300 ms`],
    ])('fails the execution with NODE_TIMEOUT when a call outlives %s', async (_, by, causeOf) => {
      const before = stub.requests('/hang').length;
      const execution = await runQueued(api, `Timeout by ${by}`, timeoutGraph(stub.baseUrl, 300, by), { order: 2 });
      const cause = causeOf();
      expect(execution).toMatchObject({ status: 'failed', output: null, error: 'NODE_TIMEOUT', cause });
      expect(stepRows(execution)).toEqual([
        ['after', 'cancelled', 0, null, null],
        ['call', 'failed', 1, null, { error: 'NODE_TIMEOUT', cause, retryable: true }],
        ['start', 'completed', 1, { order: 2 }, null],
      ]);
      const call = stepOf(execution, 'call');
      expect(call.durationMs).toBeGreaterThanOrEqual(300);
      expect(call.durationMs).toBeLessThan(5000);
      // One request, aborted rather than left hanging.
      const calls = stub.requests('/hang').slice(before);
      expect(calls).toHaveLength(1);
      expect(calls[0].endedAt).not.toBeNull();
    });

    it('follows the error handle of a failing call to a recovery node and completes', async () => {
      const execution = await runQueued(api, 'Error handle', errorHandleGraph(stub.baseUrl), { order: 7 });
      const failure = { error: 'HTTP_404', cause: `HTTP 404 from ${stub.baseUrl}/missing` };
      const recovered = { ...failure, recovered: true, order: 7 };
      // `use` hangs off the normal handle and is skipped, so `recover` is the only terminal
      // node that ran and its output is the workflow's (not keyed by node id).
      expect(execution).toMatchObject({ status: 'completed', output: recovered, error: null, cause: null });
      expect(stepRows(execution)).toEqual([
        ['call', 'failed', 1, failure, { ...failure, retryable: false }],
        ['recover', 'completed', 1, recovered, null],
        ['start', 'completed', 1, { order: 7 }, null],
        ['use', 'skipped', 0, null, null],
      ]);
    });

    it('parks delays without holding a worker, then resumes them on time', async () => {
      const delayMs = 2000;
      const delayedId = await createWorkflow(api, 'Delay', delayGraph(delayMs));
      // As many parked delays as there are workers.
      const runs = workersWakeOnNewJobs(tier) ? WORKER_CONCURRENCY : 1;
      const delayed: string[] = [];
      for (let n = 0; n < runs; n++) delayed.push((await execute(api, delayedId, { n }, 'queued')).executionId);
      for (const executionId of delayed) {
        await untilParked(executionId);
      }
      // A run queued now still gets a worker, long before any delay is due.
      const quick = workersWakeOnNewJobs(tier)
        ? await runQueued(api, 'Quick', twoTerminalsGraph(), { items: [] })
        : null;
      expect(quick?.status ?? 'completed').toBe('completed');
      const parked = await Promise.all(delayed.map((id) => getExecution(api, id)));
      for (const execution of parked) {
        expect(execution.status).toBe('running');
        expect(stepOf(execution, 'wait')).toMatchObject({ status: 'pending', attempt: 1, startedAt: null });
      }

      const done = await Promise.all(delayed.map((id) => untilTerminal(api, id)));
      done.forEach((execution, n) => {
        expect(execution).toMatchObject({ status: 'completed', output: { n, waited: true }, error: null });
        expect(stepRows(execution)).toEqual([
          ['done', 'completed', 1, { n, waited: true }, null],
          ['start', 'completed', 1, { n }, null],
          ['wait', 'completed', 1, { n }, null],
        ]);
        // The wait happened between the steps, parked; the delay step itself runs in an instant.
        const wait = stepOf(execution, 'wait');
        expect(timeOf(wait.startedAt) - timeOf(stepOf(execution, 'start').endedAt)).toBeGreaterThanOrEqual(delayMs);
        expect(wait.durationMs).toBeLessThan(delayMs);
        expect(timeOf(execution.endedAt) - timeOf(execution.startedAt)).toBeGreaterThanOrEqual(delayMs);
        if (quick) expect(timeOf(quick.endedAt)).toBeLessThan(timeOf(wait.startedAt));
      });
    });

    it('outputs an object keyed by node id when two terminal nodes ran (immediate and queued)', async () => {
      const workflowId = await createWorkflow(api, 'Two terminals', twoTerminalsGraph());
      const input = {
        items: [
          { name: 'pen', price: 2, qty: 3 },
          { name: 'book', price: 10, qty: 1 },
          { name: 'lamp', price: 25, qty: 2 },
        ],
      };
      const output = { totals: { count: 3, total: 66 }, labels: ['BOOK', 'LAMP'] };
      const expectedRows = [
        ['labels', 'completed', 1, output.labels, null],
        ['start', 'completed', 1, input, null],
        ['totals', 'completed', 1, output.totals, null],
      ];

      const started = await execute(api, workflowId, input, 'immediate');
      expect(started).toMatchObject({ status: 'completed', mode: 'immediate', output, error: null, cause: null });
      const immediate = await getExecution(api, started.executionId);
      expect(immediate).toMatchObject({ status: 'completed', mode: 'immediate', output });
      expect(stepRows(immediate)).toEqual(expectedRows);

      const queued = await untilTerminal(api, (await execute(api, workflowId, input, 'queued')).executionId);
      expect(queued).toMatchObject({ status: 'completed', mode: 'queued', output });
      expect(stepRows(queued)).toEqual(expectedRows);
    });

    /** A delay is parked once its step is queued (attempt 1) but has not started. */
    async function untilParked(executionId: string): Promise<void> {
      await eventually(async () => {
        const execution = await getExecution(api, executionId);
        const wait = execution.steps.find((s) => s.stepId === 'wait');
        return wait?.status === 'pending' && wait.attempt === 1;
      });
    }
  });
}
