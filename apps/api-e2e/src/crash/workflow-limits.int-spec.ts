import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RunningBaton } from '../../../api/src/bootstrap/start-baton';
import { eventually, TestApiClient } from '../support/api-client';
import { delayedGraph } from '../support/graphs';
import { setUpOwner } from '../support/identities';
import { startInProcessBaton } from '../support/in-process-baton';
import { prepareTier, type TierEnvironment } from '../support/test-tiers';

// The operations settings (issue 14) this test leaves at their defaults.
const NO_OPERATIONS_SETTINGS = { retentionDays: null, expectedDurationSeconds: null, onFailure: null };

/** Per-workflow limits through the REST API on PostgreSQL (admission under an advisory lock). */
describe('workflow limits (postgres tier)', () => {
  let environment: TierEnvironment;
  let baton: RunningBaton;
  let owner: TestApiClient;

  beforeAll(async () => {
    environment = await prepareTier('postgres');
    baton = await startInProcessBaton(environment.env);
    owner = await setUpOwner(new TestApiClient(baton.url));
  });

  afterAll(async () => {
    await baton?.close();
    await environment?.cleanup();
  });

  it('stores, returns, updates and validates the settings', async () => {
    const created = await owner.post('/api/workflows', {
      name: 'Limited',
      format: 'graph',
      definition: delayedGraph(10),
      settings: { maxStartsPerMinute: 5 },
    });
    expect(created.status).toBe(201);
    expect(created.body.settings).toEqual({
      maxConcurrentExecutions: null,
      maxStartsPerMinute: 5,
      durability: null,
      ...NO_OPERATIONS_SETTINGS,
    });
    const updated = await owner.put(`/api/workflows/${created.body.id}`, {
      settings: { maxConcurrentExecutions: 2, durability: 'standard' },
    });
    expect(updated.body.settings).toEqual({
      maxConcurrentExecutions: 2,
      maxStartsPerMinute: 5,
      durability: 'standard',
      ...NO_OPERATIONS_SETTINGS,
    });
    const cleared = await owner.put(`/api/workflows/${created.body.id}`, { settings: { maxStartsPerMinute: null } });
    expect(cleared.body.settings).toEqual({
      maxConcurrentExecutions: 2,
      maxStartsPerMinute: null,
      durability: 'standard',
      ...NO_OPERATIONS_SETTINGS,
    });

    const bad = await owner.post('/api/workflows', {
      name: 'Bad',
      format: 'graph',
      definition: delayedGraph(10),
      settings: { maxConcurrentExecutions: 0, extra: 1, durability: 'eventually' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toEqual(
      expect.arrayContaining([
        expect.stringContaining('settings.maxConcurrentExecutions'),
        expect.stringContaining('settings.extra'),
        expect.stringContaining('settings.durability'),
      ]),
    );
  });

  it('keeps excess executions pending (never dropped) and runs them when a slot frees', async () => {
    const created = await owner.post('/api/workflows', {
      name: 'One at a time',
      format: 'graph',
      definition: delayedGraph(1500),
      settings: { maxConcurrentExecutions: 1 },
    });
    const starts = [];
    for (let i = 0; i < 3; i++)
      starts.push(await owner.post(`/api/workflows/${created.body.id}/execute`, { input: { i }, mode: 'queued' }));
    expect(starts.map((s) => s.body.status)).toEqual(['running', 'pending', 'pending']);
    const ids = starts.map((s) => s.body.executionId as string);
    const done = await eventually(
      async () => {
        const all = await Promise.all(ids.map((id) => owner.get(`/api/executions/${id}`)));
        return all.every((e) => e.body.status === 'completed') ? all.map((e) => e.body) : undefined;
      },
      30_000,
      200,
    );
    // One at a time: each started after the previous one ended.
    const spans = done.map((e) => [Date.parse(e.startedAt), Date.parse(e.endedAt)]).sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < spans.length; i++) expect(spans[i][0]).toBeGreaterThanOrEqual(spans[i - 1][1]);
  });
});
