import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually, TestApiClient } from '../support/api-client';
import { doublingGraph } from '../support/graphs';
import { setUpOwner } from '../support/identities';
import { spawnBaton, type SpawnedBaton } from '../support/spawned-baton';
import { prepareTier, type TierEnvironment } from '../support/test-tiers';

/** Tier 3: an API-only process enqueues, a separate worker process runs the job. */
describe('tier 3: BATON_ROLE=api and BATON_ROLE=worker processes', () => {
  let environment: TierEnvironment;
  const processes: SpawnedBaton[] = [];

  beforeAll(async () => {
    environment = await prepareTier('redis');
  });

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop('SIGKILL')));
    await environment?.cleanup();
  });

  it('processes in the worker process a run enqueued by the API process', async () => {
    const api = await spawnBaton({ ...environment.env, BATON_ROLE: 'api' });
    processes.push(api);
    expect((await new TestApiClient(api.url).get('/api/health')).body).toMatchObject({
      role: 'api',
      tier: 3,
      queueBackend: 'redis',
    });
    const owner = await setUpOwner(new TestApiClient(api.url));
    const workflow = await owner.post('/api/workflows', {
      name: 'Doubler',
      format: 'graph',
      definition: doublingGraph(),
    });
    const started = await owner.post(`/api/workflows/${workflow.body.id}/execute`, {
      input: { value: 4 },
      mode: 'queued',
    });
    expect(started.status).toBe(201);
    const executionId = started.body.executionId;

    // The API process runs no worker: the first step stays queued until a worker exists.
    const waiting = await owner.get(`/api/executions/${executionId}`);
    expect(waiting.body.status).toBe('running');
    expect(waiting.body.steps.find((s: { nodeId: string }) => s.nodeId === 'start').status).toBe('pending');

    const worker = await spawnBaton({ ...environment.env, BATON_ROLE: 'worker' });
    processes.push(worker);
    expect((await new TestApiClient(worker.url).get('/api/health')).body).toMatchObject({ role: 'worker' });
    // A worker serves no REST API, only health.
    expect((await new TestApiClient(worker.url).get('/api/workflows')).status).toBe(404);

    const done = await eventually(async () => {
      const e = await owner.get(`/api/executions/${executionId}`);
      return e.body.status === 'completed' ? e.body : undefined;
    }, 30_000);
    expect(done.output).toEqual({ doubled: 8 });
    expect(done.steps.map((s: { status: string }) => s.status)).toEqual(['completed', 'completed', 'completed']);
  });
});
