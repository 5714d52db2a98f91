import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { eventually, TestApiClient } from '../support/api-client';
import { setUpOwner } from '../support/identities';
import { spawnBaton, type SpawnedBaton } from '../support/spawned-baton';
import { prepareTier, type TierEnvironment, type TierName } from '../support/test-tiers';
import { type CountingServer, startCountingServer } from './counting-server';
import { edge, node } from '../support/graphs';

/** Longer than the 1 s an immediate run may wait in memory, short enough to keep the test quick. */
const DELAY_MS = 5_000;
const STEPS = ['start', 'prepare', 'wait', 'call', 'done'];

/** start -> prepare -> wait DELAY_MS -> call (POST to the counting server) -> done: output `{ n, step: "call" }`. */
function delayedCallGraph(serverUrl: string) {
  return {
    nodes: [
      node('start', 'trigger.manual', {}, 0),
      node('prepare', 'data.transform', { expression: '{ "n": n }' }, 200),
      node('wait', 'flow.delay', { ms: DELAY_MS }, 400),
      node(
        'call',
        'http.request',
        { url: `${serverUrl}/call`, method: 'POST', body: { n: '{{ $execution.input.n }}' }, timeoutMs: 10_000 },
        600,
      ),
      node('done', 'data.transform', { expression: '{ "n": body.n, "step": body.step }' }, 800),
    ],
    edges: [edge('start', 'prepare'), edge('prepare', 'wait'), edge('wait', 'call'), edge('call', 'done')],
  };
}

/**
 * Issue 10: an express run that meets a long delay turns standard (written in one transaction,
 * then parked on the queue) and so survives a SIGKILL. Started in immediate mode through an API
 * process; while it waits, the only worker and the API process that ran its first steps are
 * killed, so nothing of the run is left in any process's memory. A new worker finishes it, each
 * step once.
 */
describe.each<TierName>(['redis', 'postgres'])('express run converted by a long delay (%s queue)', (tier) => {
  let environment: TierEnvironment;
  let server: CountingServer;
  let db: pg.Client;
  const processes: SpawnedBaton[] = [];

  beforeAll(async () => {
    environment = await prepareTier(tier);
    server = await startCountingServer(0);
  });

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop('SIGKILL')));
    await db?.end();
    await server?.close();
    await environment?.cleanup();
  });

  it('turns standard, survives a SIGKILL of its worker while it waits, and completes with every step once', async () => {
    const env = { ...environment.env, BATON_STEP_LOCK_MS: '3000', BATON_STALLED_CHECK_MS: '1500' };
    const [api, worker] = await Promise.all([
      spawnBaton({ ...env, BATON_ROLE: 'api' }),
      spawnBaton({ ...env, BATON_ROLE: 'worker' }),
    ]);
    processes.push(api, worker);
    db = new pg.Client({ connectionString: environment.env['DATABASE_URL'] });
    await db.connect();

    const owner = await setUpOwner(new TestApiClient(api.url));
    const workflow = await owner.post('/api/workflows', {
      name: 'Converted',
      format: 'graph',
      definition: delayedCallGraph(server.url),
    });
    expect(workflow.status).toBe(201);
    const began = Date.now();
    const started = await owner.post(`/api/workflows/${workflow.body.id}/execute`, {
      input: { n: 3 },
      mode: 'immediate',
    });
    expect(started.status).toBe(201);
    // The start answers when the run is handed to the queue, not after the delay.
    expect(started.body).toMatchObject({ mode: 'immediate', durability: 'standard', status: 'running' });
    expect(Date.now() - began).toBeLessThan(DELAY_MS);
    const executionId: string = started.body.executionId;

    // Written to the journal as standard, parked on the delay, its first steps done.
    const parked = await db.query<{ durability: string; status: string; waking: boolean }>(
      `SELECT e.durability, e.status, s.wake_at > now() AS waking
       FROM executions e JOIN execution_steps s ON s.execution_id = e.id AND s.step_id = 'wait' WHERE e.id = $1`,
      [executionId],
    );
    expect(parked.rows).toEqual([{ durability: 'standard', status: 'running', waking: true }]);
    expect(server.requests).toEqual([]);

    await Promise.all([worker.stop('SIGKILL'), api.stop('SIGKILL')]);
    const stillWaiting = await db.query<{ waking: boolean }>(
      `SELECT wake_at > now() AS waking FROM execution_steps WHERE execution_id = $1 AND step_id = 'wait'`,
      [executionId],
    );
    // Killed while it waited (otherwise the test proves less than it says).
    expect(stillWaiting.rows).toEqual([{ waking: true }]);

    processes.push(await spawnBaton({ ...env, BATON_ROLE: 'worker' }));
    const finished = await eventually(
      async () => {
        const rows = await db.query<{ status: string; output: unknown; durability: string }>(
          `SELECT status, output, durability FROM executions WHERE id = $1`,
          [executionId],
        );
        return rows.rows[0]?.status === 'completed' ? rows.rows[0] : undefined;
      },
      60_000,
      200,
    );
    expect(finished).toEqual({ status: 'completed', output: { n: 3, step: 'call' }, durability: 'standard' });

    const steps = await db.query<{ step_id: string; status: string; attempt: number }>(
      `SELECT step_id, status, attempt FROM execution_steps WHERE execution_id = $1 ORDER BY step_id`,
      [executionId],
    );
    expect(steps.rows).toEqual(
      [...STEPS].sort().map((stepId) => ({ step_id: stepId, status: 'completed', attempt: 1 })),
    );
    const events = await db.query<{ sequence: number; type: string; step_id: string | null }>(
      `SELECT sequence, type, step_id FROM execution_events WHERE execution_id = $1 ORDER BY sequence`,
      [executionId],
    );
    // The express part (imported at the conversion) and the standard part form one gap-free history.
    expect(events.rows.map((e) => e.sequence)).toEqual(events.rows.map((_, i) => i + 1));
    expect(events.rows[0].type).toBe('started');
    expect(events.rows.at(-1)?.type).toBe('completed');
    expect(
      events.rows
        .filter((e) => e.type === 'step_completed')
        .map((e) => e.step_id)
        .sort(),
    ).toEqual([...STEPS].sort());
    expect(events.rows.filter((e) => e.type === 'started')).toHaveLength(1);
    // The outside world saw the step after the delay once, with the first attempt's key.
    expect(server.requests.map((r) => r.idempotencyKey)).toEqual([`${executionId}:call:1`]);
  }, 120_000);
});
