import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BatonClient, CreateWorkflowInput } from '@baton/client';
import type { RunningBaton } from '../../../api/src/bootstrap/start-baton';
import { eventually, type TestApiClient } from '../support/api-client';
import { delayedGraph, doublingGraph } from '../support/graphs';
import { startInProcessBaton } from '../support/in-process-baton';
import { apiErrorOf, setUpOwnerClients, signInClient } from '../support/sdk-client';
import { prepareTier, type TierEnvironment, type TierName } from '../support/test-tiers';

/** start -> fail: always fails with a chosen error name and cause. */
const failingGraph = () => ({
  nodes: [
    { id: 'start', type: 'trigger.manual', position: { x: 0, y: 0 }, data: { inputs: {} } },
    {
      id: 'boom',
      type: 'flow.fail',
      position: { x: 200, y: 0 },
      data: { inputs: { error: 'ORDER_REJECTED', cause: 'Out of stock' } },
    },
  ],
  edges: [{ id: 'start-boom', source: 'start', target: 'boom', sourceHandle: 'out', targetHandle: 'in' }],
});

/**
 * Pause, resume, cancel, redrive, retry and logs of executions through the SDK (@baton/client) on
 * one tier. Successful control calls go through its typed `api` so the exact status stays checked;
 * refusals through the wrappers, which throw BatonApiError.
 */
export function describeExecutionControl(tier: TierName): void {
  describe(`execution control on the ${tier} tier`, () => {
    let environment: TierEnvironment;
    let baton: RunningBaton;
    let owner: BatonClient;
    // Raw HTTP for what the typed client cannot send (a non-numeric query parameter).
    let ownerRaw: TestApiClient;
    let delayedId: string;
    let doublerId: string;
    let failingId: string;

    const statusOf = (executionId: string) => owner.executions.get(executionId);
    const until = (executionId: string, status: string) =>
      eventually(async () => {
        const execution = await statusOf(executionId);
        return execution.status === status ? execution : undefined;
      });
    const control = (executionId: string, action: 'pause' | 'resume' | 'redrive' | 'retry', as = owner) =>
      as.api.POST(`/api/executions/{id}/${action}`, { params: { path: { id: executionId } } });
    const executeQueued = async (workflowId: string, input: unknown) => {
      const { data, response } = await owner.api.POST('/api/workflows/{id}/execute', {
        params: { path: { id: workflowId } },
        body: { input, mode: 'queued' },
      });
      expect(response.status).toBe(201);
      return data!.executionId;
    };
    /** Starts the delayed workflow queued and waits until its delay step is parked. */
    const startDelayed = async (input: unknown = { n: 1 }) => {
      const executionId = await executeQueued(delayedId, input);
      await eventually(async () => {
        const execution = await statusOf(executionId);
        return (
          execution.status === 'running' &&
          execution.steps.some((s) => s.nodeId === 'start' && s.status === 'completed')
        );
      });
      return executionId;
    };

    beforeAll(async () => {
      environment = await prepareTier(tier);
      baton = await startInProcessBaton(environment.env);
      ({ sdk: owner, raw: ownerRaw } = await setUpOwnerClients(baton.url));
      const create = async (name: string, definition: CreateWorkflowInput['definition']) =>
        (await owner.workflows.create({ name, format: 'graph', definition })).id;
      delayedId = await create('Delayed', delayedGraph(3000));
      doublerId = await create('Doubler', doublingGraph());
      failingId = await create('Failing', failingGraph());
    });

    afterAll(async () => {
      await baton?.close();
      await environment?.cleanup();
    });

    it('pauses a run while its delay is parked and resumes it to completion', async () => {
      const executionId = await startDelayed();
      const paused = await control(executionId, 'pause');
      expect(paused.response.status).toBe(200);
      expect(paused.data).toMatchObject({ id: executionId, status: 'paused' });

      const pausedAgain = await apiErrorOf(owner.executions.pause(executionId));
      expect(pausedAgain.statusCode).toBe(409);
      expect(pausedAgain.message).toContain('paused');

      const resumed = await control(executionId, 'resume');
      expect(resumed.response.status).toBe(200);
      expect(resumed.data).toMatchObject({ status: 'running' });
      const done = await until(executionId, 'completed');
      expect(done.steps.every((s) => s.status === 'completed')).toBe(true);

      const resumedAgain = await apiErrorOf(owner.executions.resume(executionId));
      expect(resumedAgain.statusCode).toBe(409);
      expect(resumedAgain.message).toContain('completed');
    });

    it('cancels a running run: remaining steps never complete and a second cancel is a conflict', async () => {
      const executionId = await startDelayed();
      const cancelled = await owner.api.DELETE('/api/executions/{id}', { params: { path: { id: executionId } } });
      expect(cancelled.response.status).toBe(200);
      expect(cancelled.data).toMatchObject({ id: executionId, status: 'cancelled', error: expect.any(String) });
      const remaining = cancelled.data!.steps.filter((s) => s.nodeId !== 'start');
      expect(remaining.length).toBeGreaterThan(0);
      expect(remaining.every((s) => s.status !== 'completed')).toBe(true);

      const again = await apiErrorOf(owner.executions.cancel(executionId));
      expect(again.statusCode).toBe(409);
      expect(again.message).toContain('cancelled');

      // Well past the delay: the parked step must not have run.
      await new Promise((r) => setTimeout(r, 3500));
      const later = await statusOf(executionId);
      expect(later.status).toBe('cancelled');
      expect(later.steps.filter((s) => s.nodeId !== 'start').every((s) => s.status !== 'completed')).toBe(true);
    });

    it('reports a failed run with its error and cause, redrives it, and refuses to redrive a completed run', async () => {
      const failed = await until(await executeQueued(failingId, { order: 7 }), 'failed');
      expect(failed).toMatchObject({ error: 'ORDER_REJECTED', cause: 'Out of stock' });
      const firstStart = failed.steps.find((s) => s.nodeId === 'start');
      expect(firstStart?.status).toBe('completed');

      const redriven = await control(failed.id, 'redrive');
      expect(redriven.response.status).toBe(200);
      expect(redriven.data).toMatchObject({ id: failed.id });
      // The fail node fails again; the completed start step was kept, not re-run.
      const failedAgain = await until(failed.id, 'failed');
      expect(failedAgain.error).toBe('ORDER_REJECTED');
      const startStep = failedAgain.steps.find((s) => s.nodeId === 'start');
      expect(startStep).toMatchObject({ status: 'completed', attempt: 1 });
      expect(startStep?.startedAt).toBe(firstStart?.startedAt);

      const completed = await owner.workflows.execute(doublerId, { input: { value: 2 }, mode: 'immediate' });
      expect(completed.status).toBe('completed');
      const refused = await apiErrorOf(owner.executions.redrive(completed.executionId));
      expect(refused.statusCode).toBe(409);
      expect(refused.message).toContain('completed');
    });

    it('retries a run as a new execution with the same input and definition', async () => {
      const first = await until(await executeQueued(doublerId, { value: 4 }), 'completed');

      const retried = await owner.api.POST('/api/executions/{id}/retry', { params: { path: { id: first.id } } });
      expect(retried.response.status).toBe(201);
      expect(retried.data!.executionId).not.toBe(first.id);
      expect(retried.data!.mode).toBe('queued');
      const second = await until(retried.data!.executionId, 'completed');
      expect(second).toMatchObject({
        input: { value: 4 },
        output: { doubled: 8 },
        workflowId: doublerId,
        workflowVersionId: first.workflowVersionId,
      });
    });

    it('lists the events of a run in sequence order, from started to completed', async () => {
      const started = await owner.workflows.execute(doublerId, { input: { value: 1 }, mode: 'immediate' });
      const executionId = started.executionId;
      const logsOf = (afterSequence?: number) =>
        owner.api.GET('/api/executions/{id}/logs', {
          params: { path: { id: executionId }, query: afterSequence === undefined ? {} : { afterSequence } },
        });
      const logs = await logsOf();
      expect(logs.response.status).toBe(200);
      const events = logs.data!;
      expect(events[0].type).toBe('started');
      expect(events[events.length - 1].type).toBe('completed');
      const sequences = events.map((e) => e.sequence);
      expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
      expect(new Set(sequences).size).toBe(sequences.length);
      expect(events.some((e) => e.type === 'step_completed' && e.stepId === 'double')).toBe(true);
      expect(events.every((e) => !Number.isNaN(Date.parse(e.timestamp)))).toBe(true);

      const after = await logsOf(sequences[1]);
      expect(after.response.status).toBe(200);
      expect(after.data!.map((e) => e.sequence)).toEqual(sequences.slice(2));

      expect((await logsOf(-1)).response.status).toBe(400);
      // Wire level: a query parameter the typed client would not let through.
      expect((await ownerRaw.get(`/api/executions/${executionId}/logs?afterSequence=abc`)).status).toBe(400);
    });

    it("answers 404 for another workspace's execution and 400 for a malformed id", async () => {
      const executionId = await executeQueued(delayedId, {});
      const workspaceB = await owner.api.POST('/api/workspaces', { body: { name: 'Workspace B' } });
      expect(workspaceB.response.status).toBe(201);
      const outsider = await signInClient(baton.url, 'owner@example.test', 'correct horse', workspaceB.data!.id);
      const logsAs = async (as: BatonClient, id: string) =>
        (await as.api.GET('/api/executions/{id}/logs', { params: { path: { id } } })).response.status;

      expect((await apiErrorOf(outsider.executions.get(executionId))).statusCode).toBe(404);
      expect(await logsAs(outsider, executionId)).toBe(404);
      for (const action of ['pause', 'resume', 'redrive', 'retry'] as const) {
        expect((await control(executionId, action, outsider)).response.status).toBe(404);
      }
      expect((await apiErrorOf(outsider.executions.cancel(executionId))).statusCode).toBe(404);
      // The outsider's attempts changed nothing.
      expect((await statusOf(executionId)).status).not.toBe('cancelled');

      for (const action of ['pause', 'resume', 'redrive', 'retry'] as const) {
        const malformed = await control('not-a-uuid', action);
        expect(malformed.response.status).toBe(400);
        expect((malformed.error as { message?: unknown }).message).toEqual(['id must be a UUID']);
      }
      expect((await apiErrorOf(owner.executions.cancel('not-a-uuid'))).statusCode).toBe(400);
      expect(await logsAs(owner, 'not-a-uuid')).toBe(400);
      // Clean-up only: the run may have ended meanwhile, so no answer is asserted.
      await owner.api.DELETE('/api/executions/{id}', { params: { path: { id: executionId } } });
    });
  });
}
