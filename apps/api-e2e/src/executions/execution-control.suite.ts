import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RunningBaton } from '../../../api/src/bootstrap/start-baton';
import { eventually, TestApiClient } from '../support/api-client';
import { delayedGraph, doublingGraph } from '../support/graphs';
import { signIn, setUpOwner } from '../support/identities';
import { startInProcessBaton } from '../support/in-process-baton';
import { prepareTier, type TierEnvironment, type TierName } from '../support/test-tiers';

interface StepView {
  nodeId: string;
  status: string;
}

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

/** Pause, resume, cancel, redrive, retry and logs of executions through the REST API on one tier. */
export function describeExecutionControl(tier: TierName): void {
  describe(`execution control on the ${tier} tier`, () => {
    let environment: TierEnvironment;
    let baton: RunningBaton;
    let owner: TestApiClient;
    let delayedId: string;
    let doublerId: string;
    let failingId: string;

    const statusOf = async (executionId: string) => (await owner.get(`/api/executions/${executionId}`)).body;
    const until = (executionId: string, status: string) =>
      eventually(async () => {
        const execution = await statusOf(executionId);
        return execution.status === status ? execution : undefined;
      });
    /** Starts the delayed workflow queued and waits until its delay step is parked. */
    const startDelayed = async (input: unknown = { n: 1 }) => {
      const started = await owner.post(`/api/workflows/${delayedId}/execute`, { input, mode: 'queued' });
      expect(started.status).toBe(201);
      const executionId: string = started.body.executionId;
      await eventually(async () => {
        const execution = await statusOf(executionId);
        return (
          execution.status === 'running' &&
          execution.steps.some((s: StepView) => s.nodeId === 'start' && s.status === 'completed')
        );
      });
      return executionId;
    };

    beforeAll(async () => {
      environment = await prepareTier(tier);
      baton = await startInProcessBaton(environment.env);
      owner = await setUpOwner(new TestApiClient(baton.url));
      const create = async (name: string, definition: unknown) =>
        (await owner.post('/api/workflows', { name, format: 'graph', definition })).body.id as string;
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
      const paused = await owner.post(`/api/executions/${executionId}/pause`);
      expect(paused.status).toBe(200);
      expect(paused.body).toMatchObject({ id: executionId, status: 'paused' });

      const pausedAgain = await owner.post(`/api/executions/${executionId}/pause`);
      expect(pausedAgain.status).toBe(409);
      expect(pausedAgain.body.message).toContain('paused');

      const resumed = await owner.post(`/api/executions/${executionId}/resume`);
      expect(resumed.status).toBe(200);
      expect(resumed.body.status).toBe('running');
      const done = await until(executionId, 'completed');
      expect(done.steps.every((s: StepView) => s.status === 'completed')).toBe(true);

      const resumedAgain = await owner.post(`/api/executions/${executionId}/resume`);
      expect(resumedAgain.status).toBe(409);
      expect(resumedAgain.body.message).toContain('completed');
    });

    it('cancels a running run: remaining steps never complete and a second cancel is a conflict', async () => {
      const executionId = await startDelayed();
      const cancelled = await owner.delete(`/api/executions/${executionId}`);
      expect(cancelled.status).toBe(200);
      expect(cancelled.body).toMatchObject({ id: executionId, status: 'cancelled', error: expect.any(String) });
      const remaining = cancelled.body.steps.filter((s: StepView) => s.nodeId !== 'start');
      expect(remaining.length).toBeGreaterThan(0);
      expect(remaining.every((s: StepView) => s.status !== 'completed')).toBe(true);

      const again = await owner.delete(`/api/executions/${executionId}`);
      expect(again.status).toBe(409);
      expect(again.body.message).toContain('cancelled');

      // Well past the delay: the parked step must not have run.
      await new Promise((r) => setTimeout(r, 3500));
      const later = await statusOf(executionId);
      expect(later.status).toBe('cancelled');
      expect(
        later.steps.filter((s: StepView) => s.nodeId !== 'start').every((s: StepView) => s.status !== 'completed'),
      ).toBe(true);
    });

    it('reports a failed run with its error and cause, redrives it, and refuses to redrive a completed run', async () => {
      const started = await owner.post(`/api/workflows/${failingId}/execute`, { input: { order: 7 }, mode: 'queued' });
      const failed = await until(started.body.executionId, 'failed');
      expect(failed).toMatchObject({ error: 'ORDER_REJECTED', cause: 'Out of stock' });
      expect(failed.steps.find((s: StepView) => s.nodeId === 'start').status).toBe('completed');

      const redriven = await owner.post(`/api/executions/${failed.id}/redrive`);
      expect(redriven.status).toBe(200);
      expect(redriven.body.id).toBe(failed.id);
      // The fail node fails again; the completed start step was kept, not re-run.
      const failedAgain = await until(failed.id, 'failed');
      expect(failedAgain.error).toBe('ORDER_REJECTED');
      const startStep = failedAgain.steps.find((s: StepView) => s.nodeId === 'start');
      expect(startStep).toMatchObject({ status: 'completed', attempt: 1 });
      expect(startStep.startedAt).toBe(failed.steps.find((s: StepView) => s.nodeId === 'start').startedAt);

      const completed = await owner.post(`/api/workflows/${doublerId}/execute`, {
        input: { value: 2 },
        mode: 'immediate',
      });
      expect(completed.body.status).toBe('completed');
      const refused = await owner.post(`/api/executions/${completed.body.executionId}/redrive`);
      expect(refused.status).toBe(409);
      expect(refused.body.message).toContain('completed');
    });

    it('retries a run as a new execution with the same input and definition', async () => {
      const original = await owner.post(`/api/workflows/${doublerId}/execute`, { input: { value: 4 }, mode: 'queued' });
      const first = await until(original.body.executionId, 'completed');

      const retried = await owner.post(`/api/executions/${first.id}/retry`);
      expect(retried.status).toBe(201);
      expect(retried.body.executionId).not.toBe(first.id);
      expect(retried.body.mode).toBe('queued');
      const second = await until(retried.body.executionId, 'completed');
      expect(second).toMatchObject({
        input: { value: 4 },
        output: { doubled: 8 },
        workflowId: doublerId,
        workflowVersionId: first.workflowVersionId,
      });
    });

    it('lists the events of a run in sequence order, from started to completed', async () => {
      const started = await owner.post(`/api/workflows/${doublerId}/execute`, {
        input: { value: 1 },
        mode: 'immediate',
      });
      const executionId = started.body.executionId;
      const logs = await owner.get(`/api/executions/${executionId}/logs`);
      expect(logs.status).toBe(200);
      const events: Array<{ sequence: number; type: string; stepId?: string; timestamp: string }> = logs.body;
      expect(events[0].type).toBe('started');
      expect(events[events.length - 1].type).toBe('completed');
      const sequences = events.map((e) => e.sequence);
      expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
      expect(new Set(sequences).size).toBe(sequences.length);
      expect(events.some((e) => e.type === 'step_completed' && e.stepId === 'double')).toBe(true);
      expect(events.every((e) => !Number.isNaN(Date.parse(e.timestamp)))).toBe(true);

      const after = await owner.get(`/api/executions/${executionId}/logs?afterSequence=${sequences[1]}`);
      expect(after.status).toBe(200);
      expect(after.body.map((e: { sequence: number }) => e.sequence)).toEqual(sequences.slice(2));

      expect((await owner.get(`/api/executions/${executionId}/logs?afterSequence=-1`)).status).toBe(400);
      expect((await owner.get(`/api/executions/${executionId}/logs?afterSequence=abc`)).status).toBe(400);
    });

    it("answers 404 for another workspace's execution and 400 for a malformed id", async () => {
      const started = await owner.post(`/api/workflows/${delayedId}/execute`, { input: {}, mode: 'queued' });
      const executionId: string = started.body.executionId;
      const workspaceB = await owner.post('/api/workspaces', { name: 'Workspace B' });
      expect(workspaceB.status).toBe(201);
      const outsider = await signIn(
        new TestApiClient(baton.url),
        'owner@example.test',
        'correct horse',
        workspaceB.body.id,
      );

      expect((await outsider.get(`/api/executions/${executionId}`)).status).toBe(404);
      expect((await outsider.get(`/api/executions/${executionId}/logs`)).status).toBe(404);
      for (const action of ['pause', 'resume', 'redrive', 'retry']) {
        expect((await outsider.post(`/api/executions/${executionId}/${action}`)).status).toBe(404);
      }
      expect((await outsider.delete(`/api/executions/${executionId}`)).status).toBe(404);
      // The outsider's attempts changed nothing.
      expect((await statusOf(executionId)).status).not.toBe('cancelled');

      for (const action of ['pause', 'resume', 'redrive', 'retry']) {
        const malformed = await owner.post(`/api/executions/not-a-uuid/${action}`);
        expect(malformed.status).toBe(400);
        expect(malformed.body.message).toEqual(['id must be a UUID']);
      }
      expect((await owner.delete('/api/executions/not-a-uuid')).status).toBe(400);
      expect((await owner.get('/api/executions/not-a-uuid/logs')).status).toBe(400);
      await owner.delete(`/api/executions/${executionId}`);
    });
  });
}
