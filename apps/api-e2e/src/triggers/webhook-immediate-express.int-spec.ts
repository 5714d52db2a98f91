import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RunningBaton } from '../../../api/src/bootstrap/start-baton';
import { TestApiClient } from '../support/api-client';
import { setUpOwner } from '../support/identities';
import { startInProcessBaton } from '../support/in-process-baton';
import { prepareTier, type TierEnvironment, type TierName } from '../support/test-tiers';
import { createTrigger, createWorkflow, databaseOf, echoGraph } from './trigger-fixtures';

/**
 * Issue 10: a sync webhook with `mode: "immediate"` runs the flow in the request as an express
 * run. The process is an API process with no worker anywhere: a run that went to the queue would
 * never finish, so a 200 with the output proves it ran in the request.
 */
describe.each<TierName>(['embedded', 'redis'])('sync webhook in immediate mode (%s tier, no worker)', (tier) => {
  let environment: TierEnvironment;
  let baton: RunningBaton;
  let owner: TestApiClient;
  let anonymous: TestApiClient;

  beforeAll(async () => {
    environment = await prepareTier(tier);
    baton = await startInProcessBaton({ ...environment.env, BATON_ROLE: 'api', BATON_WEBHOOK_SYNC_TIMEOUT_MS: '1000' });
    anonymous = new TestApiClient(baton.url);
    owner = await setUpOwner(anonymous);
  });

  afterAll(async () => {
    await baton?.close();
    await environment?.cleanup();
  });

  const call = (url: string, body: unknown) =>
    anonymous.request('POST', new URL(url).pathname, JSON.stringify(body), { 'content-type': 'application/json' });

  it('answers the output in the same request; the execution is express and fully written', async () => {
    const workflowId = await createWorkflow(owner, 'Express hook', echoGraph('express'));
    const hook = await createTrigger(owner, workflowId, { type: 'webhook', responseMode: 'sync', mode: 'immediate' });

    const answered = await call(hook.url, { n: 7 });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({
      status: 'completed',
      output: { tag: 'express', got: { body: { n: 7 } } },
      error: null,
    });
    const executionId: string = answered.body.executionId;

    const execution = (await owner.get(`/api/executions/${executionId}`)).body;
    expect(execution).toMatchObject({
      mode: 'immediate',
      durability: 'express',
      trigger: 'webhook',
      status: 'completed',
      output: { tag: 'express', got: { body: { n: 7 } } },
    });
    expect(execution.steps.map((s: { nodeId: string; status: string }) => [s.nodeId, s.status]).sort()).toEqual([
      ['echo', 'completed'],
      ['start', 'completed'],
    ]);
    const logs = (await owner.get(`/api/executions/${executionId}/logs`)).body as Array<{
      sequence: number;
      type: string;
    }>;
    expect(logs.map((e) => e.sequence)).toEqual(logs.map((_, i) => i + 1));
    expect(logs[0].type).toBe('started');
    expect(logs.at(-1)?.type).toBe('completed');

    // Read from the database itself, not through the process that ran it: the run is durable.
    const rows = await databaseOf(baton).query(
      `SELECT e.durability, e.status, e.last_sequence, (SELECT count(*)::int FROM execution_steps s WHERE s.execution_id = e.id) AS steps,
              (SELECT count(*)::int FROM execution_events v WHERE v.execution_id = e.id) AS events
       FROM executions e WHERE e.id = $1`,
      [executionId],
    );
    expect(rows).toEqual([
      { durability: 'express', status: 'completed', last_sequence: logs.length, steps: 2, events: logs.length },
    ]);
  });

  it('a sync webhook in queued mode is standard and, with no worker, falls back to 202', async () => {
    const workflowId = await createWorkflow(owner, 'Queued hook', echoGraph('queued'));
    const hook = await createTrigger(owner, workflowId, { type: 'webhook', responseMode: 'sync', mode: 'queued' });
    const answered = await call(hook.url, { n: 8 });
    expect(answered.status).toBe(202);
    const execution = (await owner.get(`/api/executions/${answered.body.executionId}`)).body;
    expect(execution).toMatchObject({ mode: 'queued', durability: 'standard' });
    expect(['pending', 'running']).toContain(execution.status);
  });
});
