import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RunningBaton } from '../../../api/src/bootstrap/start-baton';
import { eventually, TestApiClient } from '../support/api-client';
import { addMember, setUpOwner } from '../support/identities';
import { startInProcessBaton } from '../support/in-process-baton';
import { prepareTier, type TierEnvironment } from '../support/test-tiers';

const activityTask = (name: string, extra: Record<string, unknown> = {}) => ({
  Type: 'Task',
  Resource: `arn:aws:states:eu-west-1:123456789012:activity:${name}`,
  Parameters: { 'order.$': '$.order' },
  ResultPath: '$.answer',
  HeartbeatSeconds: 30,
  TimeoutSeconds: 120,
  ...extra,
});

describe('ASL activities, task tokens, history and diagram through the REST API (embedded tier)', () => {
  let environment: TierEnvironment;
  let baton: RunningBaton;
  let owner: TestApiClient;
  let viewer: TestApiClient;

  beforeAll(async () => {
    environment = await prepareTier('embedded');
    baton = await startInProcessBaton(environment.env);
    owner = await setUpOwner(new TestApiClient(baton.url));
    viewer = await addMember(owner, 'viewer', 'viewer@example.test');
  });

  afterAll(async () => {
    await baton?.close();
    await environment?.cleanup();
  }, 60_000);

  async function startMachine(definition: Record<string, unknown>, input: unknown): Promise<string> {
    const created = await owner.post('/api/workflows', { name: `m-${Math.random()}`, format: 'asl', definition });
    expect(created.status).toBe(201);
    const started = await owner.post(`/api/workflows/${created.body.id}/execute`, { input, mode: 'queued' });
    expect(started.status).toBe(201);
    return started.body.executionId;
  }

  it('warns, without refusing, about a callback or activity task with no timeout', async () => {
    const definition = {
      StartAt: 'Wait',
      States: { Wait: { ...activityTask('x', { HeartbeatSeconds: undefined, TimeoutSeconds: undefined }), End: true } },
    };
    const response = await owner.post('/api/workflows/validate', {
      format: 'asl',
      definition: JSON.parse(JSON.stringify(definition)),
    });
    expect(response.status).toBe(200);
    expect(response.body.valid).toBe(true);
    expect(response.body.problems).toEqual([
      expect.objectContaining({ path: 'definition.States.Wait', severity: 'warning' }),
    ]);
  });

  it('creates and lists activities; refuses a bad name and an unknown activity', async () => {
    expect((await owner.post('/api/activities', { name: 'has space' })).status).toBe(400);
    const created = await owner.post('/api/activities', { name: 'approvals' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'approvals',
      activityArn: expect.stringMatching(/:activity:approvals$/),
    });
    expect((await owner.post('/api/activities', { name: 'approvals' })).status).toBe(201);
    expect((await owner.get('/api/activities')).body.map((a: { name: string }) => a.name)).toEqual(['approvals']);
    expect((await owner.post('/api/activities/nope/poll', { waitSeconds: 0 })).status).toBe(404);
    expect((await owner.post('/api/activities/approvals/poll', { waitSeconds: 99 })).status).toBe(400);
  });

  it('answers null to a poll that finds no task within waitSeconds', async () => {
    await owner.post('/api/activities', { name: 'idle' });
    const began = Date.now();
    const polled = await owner.post('/api/activities/idle/poll', { waitSeconds: 1 });
    expect(polled.status).toBe(200);
    expect(polled.body).toBeNull();
    expect(Date.now() - began).toBeGreaterThanOrEqual(900);
  });

  it('hands a task to one worker, takes heartbeats and the answer, and records a Step Functions history', async () => {
    await owner.post('/api/activities', { name: 'shipping' });
    const executionId = await startMachine(
      { StartAt: 'Ship', States: { Ship: { ...activityTask('shipping'), End: true } } },
      { order: 42 },
    );
    const polled = await owner.post('/api/activities/shipping/poll', { waitSeconds: 10 });
    expect(polled.body).toMatchObject({ taskToken: expect.any(String), input: { order: 42 } });
    const token: string = polled.body.taskToken;
    expect(token.length).toBeGreaterThanOrEqual(40);
    // Each task is handed out once.
    expect((await owner.post('/api/activities/shipping/poll', { waitSeconds: 0 })).body).toBeNull();

    expect((await owner.post('/api/task-tokens/x/success', { output: 1 })).status).toBe(400);
    expect((await owner.post(`/api/task-tokens/${'A'.repeat(43)}/success`, { output: 1 })).status).toBe(404);
    expect((await owner.post(`/api/task-tokens/${token}/failure`, { error: 'E'.repeat(300) })).status).toBe(400);
    expect((await viewer.post(`/api/task-tokens/${token}/success`, { output: 1 })).status).toBe(403);
    expect((await owner.post(`/api/task-tokens/${token}/heartbeat`, {})).body).toEqual({ status: 'heartbeat' });
    expect((await owner.post(`/api/task-tokens/${token}/success`, { output: { shipped: true } })).body).toEqual({
      status: 'completed',
    });
    expect((await owner.post(`/api/task-tokens/${token}/success`, { output: 2 })).status).toBe(409);

    const done = await eventually(async () => {
      const e = await owner.get(`/api/executions/${executionId}`);
      return e.body.status === 'completed' ? e.body : undefined;
    });
    expect(done.output).toEqual({ order: 42, answer: { shipped: true } });
    const history = await owner.get(`/api/executions/${executionId}/history`);
    expect(history.status).toBe(200);
    expect(history.body.events.map((e: { type: string }) => e.type)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
    expect(history.body.stateTransitions).toBe(1);
    expect(history.body.events[0]).toMatchObject({
      id: 1,
      timestamp: expect.any(String),
      details: { input: { order: 42 } },
    });
    expect((await owner.get('/api/executions/00000000-0000-4000-8000-000000000000/history')).status).toBe(404);
  });

  it('keeps a worker failure verbatim as the execution error', async () => {
    await owner.post('/api/activities', { name: 'payments' });
    const executionId = await startMachine(
      { StartAt: 'Pay', States: { Pay: { ...activityTask('payments'), End: true } } },
      { order: 1 },
    );
    const polled = await owner.post('/api/activities/payments/poll', { waitSeconds: 10 });
    await owner.post(`/api/task-tokens/${polled.body.taskToken}/failure`, {
      error: 'Card.Declined',
      cause: 'insufficient funds',
    });
    const failed = await eventually(async () => {
      const e = await owner.get(`/api/executions/${executionId}`);
      return e.body.status === 'failed' ? e.body : undefined;
    });
    expect(failed).toMatchObject({ error: 'Card.Declined', cause: 'insufficient funds' });
    const types = (await owner.get(`/api/executions/${executionId}/history`)).body.events.map(
      (e: { type: string }) => e.type,
    );
    expect(types.slice(-2)).toEqual(['TaskFailed', 'ExecutionFailed']);
  });

  it('draws the states of a workflow, nested Map and Parallel included', async () => {
    const definition = {
      StartAt: 'Pick',
      States: {
        Pick: { Type: 'Choice', Choices: [{ Variable: '$.go', BooleanEquals: true, Next: 'Each' }], Default: 'Done' },
        Each: {
          Type: 'Map',
          ItemProcessor: { StartAt: 'Inner', States: { Inner: { Type: 'Pass', End: true } } },
          Next: 'Both',
        },
        Both: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'L', States: { L: { Type: 'Pass', End: true } } },
            { StartAt: 'R', States: { R: { Type: 'Pass', End: true } } },
          ],
          End: true,
        },
        Done: { Type: 'Succeed' },
      },
    };
    const created = await owner.post('/api/workflows', { name: 'diagram', format: 'asl', definition });
    const diagram = await owner.get(`/api/workflows/${created.body.id}/diagram`);
    expect(diagram.status).toBe(200);
    expect(diagram.body.nodes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'Pick', type: 'Choice', start: true, parentId: null }),
        expect.objectContaining({ id: 'Each/Inner', parentId: 'Each', branch: 0, start: true, end: true }),
        expect.objectContaining({ id: 'Both/R', parentId: 'Both', branch: 1 }),
      ]),
    );
    expect(diagram.body.edges).toEqual(
      expect.arrayContaining([
        { source: 'Pick', target: 'Each', kind: 'choice', label: 'rule 1' },
        { source: 'Pick', target: 'Done', kind: 'default' },
        { source: 'Each', target: 'Both', kind: 'next' },
      ]),
    );
  });
});
