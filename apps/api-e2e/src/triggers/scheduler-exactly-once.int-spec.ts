import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { eventually, TestApiClient } from '../support/api-client';
import { setUpOwner } from '../support/identities';
import { spawnBaton, type SpawnedBaton } from '../support/spawned-baton';
import { prepareTier, type TierEnvironment } from '../support/test-tiers';
import { createTrigger, createWorkflow, echoGraph } from './trigger-fixtures';

const EVERY_SECONDS = 3;
const MIN_RUNS = 20;

/**
 * Two API processes (built bundle, one database) both tick the scheduler twice a second; a cron
 * trigger due every 3 s must start each slot's execution exactly once over about a minute.
 */
describe('cron scheduler across two API processes', () => {
  let environment: TierEnvironment;
  const processes: SpawnedBaton[] = [];

  beforeAll(async () => {
    environment = await prepareTier('postgres');
  });

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop('SIGTERM')));
    await environment?.cleanup();
  });

  it('starts every due slot exactly once', async () => {
    const env = { ...environment.env, BATON_CRON_MIN_INTERVAL_SECONDS: '1', BATON_SCHEDULER_TICK_MS: '500' };
    // One at a time: the first applies the migrations, the second finds them applied.
    processes.push(await spawnBaton(env));
    processes.push(await spawnBaton(env));
    const owner = await setUpOwner(new TestApiClient(processes[0].url));
    const workflowId = await createWorkflow(owner, 'Every 3 s', echoGraph('tick'));
    const trigger = await createTrigger(owner, workflowId, {
      type: 'cron',
      expression: `*/${EVERY_SECONDS} * * * * *`,
    });

    const runsOf = async () =>
      (await owner.get(`/api/triggers/${trigger.id}/runs`)).body as { executionId: string; scheduledFor: string }[];
    await eventually(async () => (await runsOf()).length >= MIN_RUNS, 90_000, 1000);
    expect((await owner.post(`/api/workflows/${workflowId}/pause`)).status).toBe(200);

    const client = new pg.Client({ connectionString: environment.env['DATABASE_URL'] });
    await client.connect();
    try {
      // Every run's execution exists and finished; nothing is left unstarted.
      await eventually(async () => {
        const open = await client.query(
          `SELECT count(*)::int AS n FROM executions WHERE workflow_id = $1 AND status NOT IN ('completed', 'failed', 'cancelled')`,
          [workflowId],
        );
        return open.rows[0].n === 0;
      }, 30_000);
      const runs = await client.query(
        `SELECT execution_id, scheduled_for, started FROM trigger_runs WHERE trigger_id = $1 ORDER BY scheduled_for`,
        [trigger.id],
      );
      const executions = await client.query(`SELECT id, status, trigger FROM executions WHERE workflow_id = $1`, [
        workflowId,
      ]);

      expect(runs.rows.length).toBeGreaterThanOrEqual(MIN_RUNS);
      expect(runs.rows.every((r) => r.started)).toBe(true);
      const slots = runs.rows.map((r) => (r.scheduled_for as Date).getTime());
      // Exactly once: distinct slots, each on the 3 s grid, with no slot skipped between the first and the last.
      expect(new Set(slots).size).toBe(slots.length);
      expect(slots.every((t) => t % (EVERY_SECONDS * 1000) === 0)).toBe(true);
      expect((slots[slots.length - 1] - slots[0]) / (EVERY_SECONDS * 1000) + 1).toBe(slots.length);
      // One execution per run, no more: the two processes never both started a slot.
      expect(executions.rows).toHaveLength(runs.rows.length);
      expect(new Set(executions.rows.map((e) => e.id))).toEqual(new Set(runs.rows.map((r) => r.execution_id)));
      expect(executions.rows.every((e) => e.status === 'completed' && e.trigger === 'cron')).toBe(true);
    } finally {
      await client.end();
    }
  }, 180_000);
});
