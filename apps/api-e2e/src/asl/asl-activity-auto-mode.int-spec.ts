import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RunningBaton } from '../../../api/src/bootstrap/start-baton';
import { type CountingServer, startCountingServer } from '../crash/counting-server';
import { eventually, TestApiClient } from '../support/api-client';
import { setUpOwner } from '../support/identities';
import { startInProcessBaton } from '../support/in-process-baton';
import { prepareTier, type TierEnvironment, type TierName } from '../support/test-tiers';

/** The immediate wait a start would block for if `auto` ran the machine in the request. */
const IMMEDIATE_WAIT_MS = 30_000;

/**
 * Issue 10, item 2: a machine that waits for a person or an outside callback (an activity worker,
 * a `.waitForTaskToken` task) is `waitsForPeople`, so `auto` queues it as a standard run and the
 * start answers at once instead of holding the request for the 30 s immediate wait.
 */
describe.each<TierName>(['embedded', 'redis'])('ASL activity started with mode auto (%s tier)', (tier) => {
  let environment: TierEnvironment;
  let baton: RunningBaton;
  let owner: TestApiClient;
  let lambda: CountingServer;

  beforeAll(async () => {
    environment = await prepareTier(tier);
    // Stands in for Lambda: the callback task's invocation lands here (and is never answered).
    lambda = await startCountingServer(0);
    baton = await startInProcessBaton({ ...environment.env, BATON_LAMBDA_ENDPOINT: lambda.url });
    owner = await setUpOwner(new TestApiClient(baton.url));
  });

  afterAll(async () => {
    await baton?.close();
    await lambda?.close();
    await environment?.cleanup();
  });

  async function startWithAuto(definition: Record<string, unknown>) {
    const created = await owner.post('/api/workflows', { name: `m-${Math.random()}`, format: 'asl', definition });
    expect(created.status).toBe(201);
    const began = Date.now();
    const started = await owner.post(`/api/workflows/${created.body.id}/execute`, {
      input: { order: 7 },
      mode: 'auto',
    });
    const answeredInMs = Date.now() - began;
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ mode: 'queued', durability: 'standard' });
    // Far below the immediate wait: the request never waited for the person.
    expect(answeredInMs).toBeLessThan(IMMEDIATE_WAIT_MS / 3);
    expect((await owner.get(`/api/executions/${started.body.executionId}`)).body).toMatchObject({
      mode: 'queued',
      durability: 'standard',
    });
    return started.body.executionId as string;
  }

  it('goes to the queue as a standard run and answers at once; the activity answer completes it', async () => {
    expect((await owner.post('/api/activities', { name: 'approve' })).status).toBe(201);
    const definition = {
      StartAt: 'Approve',
      States: {
        Approve: {
          Type: 'Task',
          Resource: 'arn:aws:states:eu-west-1:123456789012:activity:approve',
          Parameters: { 'order.$': '$.order' },
          ResultPath: '$.approval',
          HeartbeatSeconds: 60,
          TimeoutSeconds: 300,
          Next: 'Done',
        },
        Done: { Type: 'Pass', End: true },
      },
    };
    const executionId = await startWithAuto(definition);

    // It is a real queued run: the activity task is handed out, and the answer finishes it.
    const polled = await owner.post('/api/activities/approve/poll', { waitSeconds: 10 });
    expect(polled.body).toMatchObject({ taskToken: expect.any(String), input: { order: 7 } });
    const success = await owner.post(`/api/task-tokens/${polled.body.taskToken}/success`, { output: { ok: true } });
    expect(success.body).toEqual({ status: 'completed' });
    const done = await eventually(async () => {
      const e = (await owner.get(`/api/executions/${executionId}`)).body;
      return e.status === 'completed' ? e : undefined;
    });
    expect(done).toMatchObject({ output: { order: 7, approval: { ok: true } }, durability: 'standard' });
  });

  it('queues a .waitForTaskToken callback task the same way and answers at once', async () => {
    const executionId = await startWithAuto({
      StartAt: 'Callback',
      States: {
        Callback: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
          Parameters: { FunctionName: 'remember', Payload: { 'token.$': '$$.Task.Token' } },
          TimeoutSeconds: 300,
          End: true,
        },
      },
    });
    // The queue runs it: the callback goes out, and the run waits for its token.
    await eventually(async () => lambda.requests.length > 0);
    const waiting = (await owner.get(`/api/executions/${executionId}`)).body;
    expect(waiting).toMatchObject({ status: 'running', durability: 'standard' });
  });
});
