import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TestApiClient } from '../support/api-client';
import { sampleGraph } from '../support/identities';
import { type EmbeddedOwnerBaton, startEmbeddedOwnerBaton } from '../support/embedded-owner-baton';

// What the console reads beyond plain CRUD: the list's last and next runs, the frozen definition
// of an execution, and the monitor's queue and throughput numbers. Embedded tier, whole app.
describe('console read models', () => {
  let app: EmbeddedOwnerBaton;
  let owner: TestApiClient;

  beforeAll(async () => {
    app = await startEmbeddedOwnerBaton();
    owner = app.owner;
  });

  afterAll(async () => {
    await app?.close();
  });

  it('lists each workflow with its newest execution and, while active, its next scheduled run', async () => {
    const ran = await owner.post('/api/workflows', { name: 'Ran', format: 'graph', definition: sampleGraph() });
    const scheduled = await owner.post('/api/workflows', {
      name: 'Scheduled',
      format: 'graph',
      definition: sampleGraph(),
    });
    expect([ran.status, scheduled.status]).toEqual([201, 201]);
    const first = await owner.post(`/api/workflows/${ran.body.id}/execute`, { input: {}, mode: 'immediate' });
    const second = await owner.post(`/api/workflows/${ran.body.id}/execute`, { input: {}, mode: 'immediate' });
    expect([first.status, second.status]).toEqual([201, 201]);
    const trigger = await owner.post(`/api/workflows/${scheduled.body.id}/triggers`, {
      type: 'cron',
      expression: '0 9 * * *',
      timezone: 'Europe/Berlin',
    });
    expect(trigger.status).toBe(201);

    const draft = await owner.get('/api/workflows');
    const byName = (body: { items: { name: string }[] }, name: string) =>
      body.items.find((w) => w.name === name) as Record<string, unknown>;
    expect(byName(draft.body, 'Ran')).toMatchObject({
      lastExecution: { id: second.body.executionId, status: 'completed', createdAt: expect.stringMatching(/Z$/) },
      nextRunAt: null,
    });
    // A draft's triggers do not fire, so it has no next run yet.
    expect(byName(draft.body, 'Scheduled')).toMatchObject({ lastExecution: null, nextRunAt: null });

    expect((await owner.post(`/api/workflows/${scheduled.body.id}/activate`, {})).status).toBe(200);
    const active = await owner.get('/api/workflows');
    const nextRunAt = byName(active.body, 'Scheduled')['nextRunAt'] as string;
    const preview = await owner.get(`/api/triggers/${trigger.body.id}/next-runs?count=1`);
    expect(new Date(nextRunAt).toISOString()).toBe(preview.body.runs[0].at);

    expect((await owner.post(`/api/workflows/${scheduled.body.id}/pause`, {})).status).toBe(200);
    expect(byName((await owner.get('/api/workflows')).body, 'Scheduled')['nextRunAt']).toBeNull();
  });

  it('returns the definition an execution froze, not the workflow as edited since', async () => {
    const created = await owner.post('/api/workflows', { name: 'Frozen', format: 'graph', definition: sampleGraph() });
    const started = await owner.post(`/api/workflows/${created.body.id}/execute`, { input: {}, mode: 'immediate' });
    const edited = {
      ...sampleGraph(),
      nodes: sampleGraph().nodes.map((n: { position?: unknown }) => ({ ...n, position: { x: 999, y: 999 } })),
    };
    expect((await owner.put(`/api/workflows/${created.body.id}`, { definition: edited })).status).toBe(200);
    const execution = await owner.get(`/api/executions/${started.body.executionId}`);
    expect(execution.status).toBe(200);
    expect(execution.body.definition).toEqual(sampleGraph());
    expect(execution.body.format).toBe('graph');
  });

  it('reports queue depth and the workspace throughput at /api/executions/stats', async () => {
    const stats = await owner.get('/api/executions/stats');
    expect(stats.status).toBe(200);
    expect(stats.body).toMatchObject({
      queue: { waiting: expect.any(Number), active: expect.any(Number), delayed: expect.any(Number) },
      open: { pending: 0, running: 0, paused: 0 },
      lastMinute: { completed: 3, failed: 0, cancelled: 0 },
      lastHour: { completed: 3, failed: 0, cancelled: 0 },
    });
    // "stats" is never mistaken for an execution id.
    expect((await owner.get('/api/executions/not-a-uuid')).status).toBe(400);
    expect((await new TestApiClient(app.baton.url).get('/api/executions/stats')).status).toBe(401);
  });
});
