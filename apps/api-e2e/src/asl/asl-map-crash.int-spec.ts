import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { type CountingServer, startCountingServer } from '../crash/counting-server';
import { eventually, TestApiClient } from '../support/api-client';
import { setUpOwner } from '../support/identities';
import { spawnBaton, type SpawnedBaton } from '../support/spawned-baton';
import { prepareTier, type TierEnvironment } from '../support/test-tiers';

const ITEMS = 1000;
const MAX_CONCURRENCY = 20;
const WORKER_CONCURRENCY = 10;

/** A Map of `ITEMS` iterations, each one http:invoke POST of its item to the counting server. */
function mapMachine(serverUrl: string) {
  return {
    StartAt: 'Items',
    States: {
      Items: {
        Type: 'Map',
        MaxConcurrency: MAX_CONCURRENCY,
        ItemProcessor: {
          StartAt: 'Call',
          States: {
            Call: {
              Type: 'Task',
              Resource: 'arn:aws:states:::http:invoke',
              Parameters: { ApiEndpoint: `${serverUrl}/item`, Method: 'POST', RequestBody: { 'n.$': '$' } },
              ResultSelector: { 'n.$': '$.ResponseBody.n' },
              OutputPath: '$.n',
              End: true,
            },
          },
        },
        End: true,
      },
    },
  };
}

/**
 * SIGKILL of a worker process in the middle of a 1,000-item Map (MaxConcurrency 20) on tier 3:
 * the Map still completes with every item in place, every iteration is recorded completed exactly
 * once, an iteration completed before the kill never reaches the outside world again, and only
 * what the killed worker had in flight may repeat (same attempt, same idempotency key).
 */
describe('ASL Map survives a worker SIGKILL (tier 3)', () => {
  let environment: TierEnvironment;
  let server: CountingServer;
  const processes: SpawnedBaton[] = [];

  beforeAll(async () => {
    environment = await prepareTier('redis');
    server = await startCountingServer(100);
  });

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop('SIGKILL')));
    await server?.close();
    await environment?.cleanup();
  });

  it('loses no iteration and runs no completed iteration twice', async () => {
    const env = {
      ...environment.env,
      BATON_WORKER_CONCURRENCY: String(WORKER_CONCURRENCY),
      BATON_STEP_LOCK_MS: '3000',
      BATON_STALLED_CHECK_MS: '1500',
    };
    const api = await spawnBaton({ ...env, BATON_ROLE: 'api' });
    processes.push(api);
    const workers = await Promise.all([0, 1, 2].map(() => spawnBaton({ ...env, BATON_ROLE: 'worker' })));
    processes.push(...workers);
    const owner = await setUpOwner(new TestApiClient(api.url));
    const workflow = await owner.post('/api/workflows', {
      name: 'Big map',
      format: 'asl',
      definition: mapMachine(server.url),
    });
    expect(workflow.status).toBe(201);
    const items = Array.from({ length: ITEMS }, (_, i) => i);
    const started = await owner.post(`/api/workflows/${workflow.body.id}/execute`, { input: items, mode: 'queued' });
    expect(started.status).toBe(201);
    const executionId: string = started.body.executionId;

    // Kill mid-Map: a good share done, requests in flight.
    await eventually(async () => server.requests.length >= ITEMS / 4 && server.inFlight() >= 5, 120_000, 20);
    const db = new pg.Client({ connectionString: environment.env['DATABASE_URL'] });
    await db.connect();
    let completedBeforeKill: string[];
    try {
      const rows = await db.query<{ step_id: string }>(
        `SELECT step_id FROM execution_steps WHERE execution_id = $1 AND node_id = 'Call' AND status = 'completed'`,
        [executionId],
      );
      completedBeforeKill = rows.rows.map((r) => r.step_id);
      await workers[0].stop('SIGKILL');
    } finally {
      await db.end();
    }
    expect(completedBeforeKill.length).toBeGreaterThan(0);
    expect(completedBeforeKill.length).toBeLessThan(ITEMS);

    const done = await eventually(
      async () => {
        const e = await owner.get(`/api/executions/${executionId}`);
        return ['completed', 'failed', 'cancelled'].includes(e.body.status) ? e.body : undefined;
      },
      240_000,
      500,
    );
    expect({ status: done.status, error: done.error }).toEqual({ status: 'completed', error: null });
    expect(done.output).toEqual(items);
    const calls = (done.steps as Array<{ nodeId: string; status: string; stepId: string }>).filter(
      (s) => s.nodeId === 'Call',
    );
    expect(calls).toHaveLength(ITEMS);
    expect(calls.every((s) => s.status === 'completed')).toBe(true);

    const logs = await owner.get(`/api/executions/${executionId}/logs`);
    const completions = (logs.body as Array<{ type: string; stepId?: string }>).filter(
      (e) => e.type === 'step_completed' && e.stepId?.endsWith('/1.Call'),
    );
    expect(completions).toHaveLength(ITEMS);
    expect(new Set(completions.map((e) => e.stepId)).size).toBe(ITEMS);

    // The outside world: one request per iteration, except what the killed worker had in flight.
    const byStep = new Map<string, string[]>();
    for (const request of server.requests) {
      const [, stepId] = request.idempotencyKey.split(':');
      byStep.set(stepId, [...(byStep.get(stepId) ?? []), request.idempotencyKey]);
    }
    expect(byStep.size).toBe(ITEMS);
    for (const stepId of completedBeforeKill)
      expect({ stepId, requests: byStep.get(stepId)?.length }).toEqual({ stepId, requests: 1 });
    const repeated = [...byStep.values()].filter((keys) => keys.length > 1);
    expect(repeated.length).toBeLessThanOrEqual(WORKER_CONCURRENCY);
    for (const keys of repeated) expect(new Set(keys).size).toBe(1);
  }, 360_000);
});
