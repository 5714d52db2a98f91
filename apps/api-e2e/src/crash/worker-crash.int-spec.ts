import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { eventually, TestApiClient } from '../support/api-client';
import { setUpOwner } from '../support/identities';
import { spawnBaton, type SpawnedBaton } from '../support/spawned-baton';
import { prepareTier, type TierEnvironment, type TierName } from '../support/test-tiers';
import { type CountingServer, startCountingServer } from './counting-server';
import { edge, node } from '../support/graphs';

const EXECUTIONS = 20;
const WORKER_CONCURRENCY = 4;
const HTTP_STEPS = ['a', 'b', 'c'];
const STEPS = ['start', ...HTTP_STEPS, 'done'];

/** start -> a -> b -> c (POSTs to the counting server) -> done: output `{ n, last: "c" }`. */
function callingGraph(serverUrl: string) {
  const call = (id: string, x: number) =>
    node(
      id,
      'http.request',
      { url: `${serverUrl}/${id}`, method: 'POST', body: { n: '{{ $execution.input.n }}' }, timeoutMs: 20_000 },
      x,
    );
  return {
    nodes: [
      node('start', 'trigger.manual', {}, 0),
      ...HTTP_STEPS.map((id, i) => call(id, 200 * (i + 1))),
      node('done', 'data.transform', { expression: '{ "n": body.n, "last": body.step }' }, 800),
    ],
    edges: [edge('start', 'a'), edge('a', 'b'), edge('b', 'c'), edge('c', 'done')],
  };
}

/**
 * SIGKILL of a worker mid-run: one API process and three worker processes share the queue; one
 * worker dies while steps are in flight. Every execution still completes, every step is recorded
 * completed exactly once, and only steps in flight at the kill may reach the outside world twice
 * (at-least-once, with the same idempotency key).
 */
describe.each<TierName>(['redis', 'postgres'])('worker SIGKILL mid-execution (%s queue)', (tier) => {
  let environment: TierEnvironment;
  let server: CountingServer;
  const processes: SpawnedBaton[] = [];

  beforeAll(async () => {
    environment = await prepareTier(tier);
    server = await startCountingServer(400);
  });

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop('SIGKILL')));
    await server?.close();
    await environment?.cleanup();
  });

  it('completes every execution; completed steps never run again', async () => {
    const env = {
      ...environment.env,
      BATON_WORKER_CONCURRENCY: String(WORKER_CONCURRENCY),
      // A dead worker's jobs are handed out again within seconds instead of the default 30-60 s.
      BATON_STEP_LOCK_MS: '3000',
      BATON_STALLED_CHECK_MS: '1500',
    };
    const api = await spawnBaton({ ...env, BATON_ROLE: 'api' });
    processes.push(api);
    const workers = await Promise.all([0, 1, 2].map(() => spawnBaton({ ...env, BATON_ROLE: 'worker' })));
    processes.push(...workers);

    const owner = await setUpOwner(new TestApiClient(api.url));
    const workflow = await owner.post('/api/workflows', {
      name: 'Crash course',
      format: 'graph',
      definition: callingGraph(server.url),
    });
    expect(workflow.status).toBe(201);
    const ids: string[] = [];
    for (let n = 0; n < EXECUTIONS; n++) {
      const started = await owner.post(`/api/workflows/${workflow.body.id}/execute`, { input: { n }, mode: 'queued' });
      expect(started.status).toBe(201);
      ids.push(started.body.executionId);
    }

    // Kill once work is well under way and requests are in flight.
    await eventually(async () => server.requests.length >= EXECUTIONS && server.inFlight() >= 4, 60_000, 20);
    const db = new pg.Client({ connectionString: environment.env['DATABASE_URL'] });
    await db.connect();
    let completedBeforeKill: string[];
    try {
      const rows = await db.query<{ key: string }>(
        `SELECT execution_id || ':' || step_id AS key FROM execution_steps WHERE status = 'completed'`,
      );
      completedBeforeKill = rows.rows.map((r) => r.key);
      await workers[0].stop('SIGKILL');
    } finally {
      await db.end();
    }
    expect(completedBeforeKill.length).toBeGreaterThan(0);

    const finished = await eventually(
      async () => {
        const all = await Promise.all(ids.map((id) => owner.get(`/api/executions/${id}`)));
        return all.every((e) => e.body.status === 'completed') ? all.map((e) => e.body) : undefined;
      },
      120_000,
      500,
    );
    finished.forEach((execution, n) => {
      expect(execution.output).toEqual({ n, last: 'c' });
      expect(execution.steps.map((s: { nodeId: string; status: string }) => [s.nodeId, s.status]).sort()).toEqual(
        STEPS.map((id) => [id, 'completed']).sort(),
      );
    });

    for (const id of ids) {
      const logs = await owner.get(`/api/executions/${id}/logs`);
      const completions = (logs.body as Array<{ type: string; stepId?: string }>)
        .filter((e) => e.type === 'step_completed')
        .map((e) => e.stepId);
      expect(completions.sort()).toEqual([...STEPS].sort());
    }

    // Outside-world view: each HTTP step reached the server once, except steps in flight at the kill.
    const byStep = new Map<string, string[]>();
    for (const request of server.requests) {
      const [executionId, stepId] = request.idempotencyKey.split(':');
      const key = `${executionId}:${stepId}`;
      byStep.set(key, [...(byStep.get(key) ?? []), request.idempotencyKey]);
    }
    expect(byStep.size).toBe(EXECUTIONS * HTTP_STEPS.length);
    for (const key of completedBeforeKill.filter((k) => HTTP_STEPS.includes(k.split(':')[1]))) {
      expect({ key, requests: byStep.get(key)?.length }).toEqual({ key, requests: 1 });
    }
    const repeated = [...byStep.entries()].filter(([, keys]) => keys.length > 1);
    // Only what the killed worker was running can repeat, and with the same attempt (idempotency key).
    expect(repeated.length).toBeLessThanOrEqual(WORKER_CONCURRENCY);
    for (const [, keys] of repeated) expect(new Set(keys).size).toBe(1);
  }, 240_000);
});
