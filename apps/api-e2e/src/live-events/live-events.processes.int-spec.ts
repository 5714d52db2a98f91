import { afterAll, describe, expect, it } from '@jest/globals';
import { eventually, TestApiClient } from '../support/api-client';
import { delayedGraph, doublingGraph } from '../support/graphs';
import { spawnBaton, type SpawnedBaton } from '../support/spawned-baton';
import { prepareTier, type TierEnvironment } from '../support/test-tiers';
import { labels, LiveClient } from './live-client';

/**
 * Cross-process delivery through the socket.io adapter: events raised in a BATON_ROLE=worker
 * process, or in one API process, reach sockets connected to every API process. Tier 3 runs
 * the Redis adapter, tier 2 the PostgreSQL (LISTEN/NOTIFY) one.
 */
describe.each(['redis', 'postgres'] as const)('live events across processes on the %s tier', (tier) => {
  let environment: TierEnvironment;
  const processes: SpawnedBaton[] = [];
  const clients: LiveClient[] = [];

  afterAll(async () => {
    for (const client of clients) client.close();
    await Promise.all(processes.map((p) => p.stop('SIGKILL')));
    await environment?.cleanup();
  });

  it('delivers worker-raised events to clients of two API processes, and control events from one API process to the other', async () => {
    environment = await prepareTier(tier);
    const [api1, api2, worker] = await Promise.all([
      spawnBaton({ ...environment.env, BATON_ROLE: 'api' }),
      spawnBaton({ ...environment.env, BATON_ROLE: 'api' }),
      spawnBaton({ ...environment.env, BATON_ROLE: 'worker' }),
    ]);
    processes.push(api1, api2, worker);
    const setup = await new TestApiClient(api1.url).post('/api/auth/setup', {
      email: 'x@example.test',
      password: 'correct horse',
      name: 'X',
      workspaceName: 'X',
    });
    const token: string = setup.body.accessToken;
    const owner = new TestApiClient(api1.url).withToken(token);
    const doubler = (
      await owner.post('/api/workflows', { name: 'Doubler', format: 'graph', definition: doublingGraph() })
    ).body.id;

    const onApi1 = await LiveClient.connect(api1.url, token);
    const onApi2 = await LiveClient.connect(api2.url, token);
    clients.push(onApi1, onApi2);
    expect(await onApi1.subscribe({ workspace: true })).toMatchObject({ ok: true });
    expect(await onApi2.subscribe({ workflowId: doubler })).toMatchObject({ ok: true });

    // Over NOTIFY's 8000-byte limit: the PostgreSQL adapter must carry it as an attachment.
    const big = 'x'.repeat(20_000);
    const started = await owner.post(`/api/workflows/${doubler}/execute`, { input: { value: 4, big }, mode: 'queued' });
    expect(started.status).toBe(201);
    const executionId: string = started.body.executionId;
    const journal = (await eventually(async () => {
      const logs = await owner.get(`/api/executions/${executionId}/logs`);
      return logs.body.at(-1)?.type === 'completed' ? logs.body : undefined;
    }, 60_000)) as Array<{ sequence: number; type: string }>;
    const reference = journal.map((e) => ({ sequence: e.sequence, type: e.type }));
    for (const client of [onApi1, onApi2]) {
      const events = await client.untilTerminal(executionId, 30_000);
      expect(events.map((e) => ({ sequence: e.sequence, type: e.type }))).toEqual(reference);
      expect(events[0]).toMatchObject({ type: 'started', data: { input: { value: 4, big } } });
    }
    expect(labels(onApi1.of(executionId))).toContain('step_completed:double');

    // A cancel handled by API process 1 is raised there and must reach API process 2's client.
    const delayer = (
      await owner.post('/api/workflows', { name: 'Delayer', format: 'graph', definition: delayedGraph(60_000) })
    ).body.id;
    const long = (await owner.post(`/api/workflows/${delayer}/execute`, { input: {}, mode: 'queued' })).body
      .executionId as string;
    expect(await onApi2.subscribe({ executionId: long, afterSequence: 0 })).toMatchObject({ ok: true });
    // The run is now parked for a minute before its delay step.
    await eventually(
      async () => onApi2.of(long).some((e) => e.type === 'step_completed' && e.stepId === 'start'),
      30_000,
    );
    expect((await owner.delete(`/api/executions/${long}`)).status).toBe(200);
    const cancelled = await onApi2.untilTerminal(long);
    expect(cancelled.at(-1)?.type).toBe('cancelled');
    expect(cancelled.map((e) => e.sequence)).toEqual(cancelled.map((_, i) => i + 1));
  });
});
