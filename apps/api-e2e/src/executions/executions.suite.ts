import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BatonClient } from '@baton/client';
import type { RunningBaton } from '../../../api/src/bootstrap/start-baton';
import { eventually } from '../support/api-client';
import { doublingGraph } from '../support/graphs';
import { startInProcessBaton } from '../support/in-process-baton';
import { apiErrorOf, setUpOwnerClients } from '../support/sdk-client';
import { prepareTier, type TierEnvironment, type TierName } from '../support/test-tiers';

/** Starting and reading executions through the SDK (@baton/client) on one tier (immediate and queued). */
export function describeExecutions(tier: TierName): void {
  describe(`executions on the ${tier} tier`, () => {
    let environment: TierEnvironment;
    let baton: RunningBaton;
    let owner: BatonClient;
    let workflowId: string;

    const logsOf = async (executionId: string) => {
      const { data, response } = await owner.api.GET('/api/executions/{id}/logs', {
        params: { path: { id: executionId } },
      });
      expect(response.status).toBe(200);
      return data!;
    };

    beforeAll(async () => {
      environment = await prepareTier(tier);
      baton = await startInProcessBaton(environment.env);
      owner = (await setUpOwnerClients(baton.url)).sdk;
      const created = await owner.workflows.create({ name: 'Doubler', format: 'graph', definition: doublingGraph() });
      workflowId = created.id;
    });

    afterAll(async () => {
      await baton?.close();
      await environment?.cleanup();
    });

    it('runs immediately in the request and persists every step', async () => {
      // The typed call, not the wrapper, so the 201 of the wire stays checked.
      const { data: started, response } = await owner.api.POST('/api/workflows/{id}/execute', {
        params: { path: { id: workflowId } },
        body: { input: { value: 21 }, mode: 'immediate' },
      });
      expect(response.status).toBe(201);
      expect(started).toMatchObject({ status: 'completed', mode: 'immediate', output: { doubled: 42 } });
      const execution = await owner.executions.get(started!.executionId);
      expect(execution).toMatchObject({
        status: 'completed',
        output: { doubled: 42 },
        input: { value: 21 },
        workflowId,
      });
      expect(execution.steps.map((s) => [s.nodeId, s.status, s.attempt])).toEqual([
        ['start', 'completed', 1],
        ['double', 'completed', 1],
        ['log', 'completed', 1],
      ]);
    });

    it('writes an express run once it ended, with the same rows a standard run of the same workflow has', async () => {
      const express = await owner.workflows.execute(workflowId, { input: { value: 4 }, mode: 'immediate' });
      expect(express).toMatchObject({ status: 'completed', durability: 'express' });
      const standard = await owner.workflows.execute(workflowId, {
        input: { value: 4 },
        mode: 'immediate',
        options: { durability: 'standard' },
      });
      expect(standard).toMatchObject({ status: 'completed', durability: 'standard' });
      const queued = await owner.workflows.execute(workflowId, {
        input: { value: 4 },
        mode: 'queued',
        options: { durability: 'express' },
      });
      expect(queued).toMatchObject({ durability: 'standard' });

      const rowsOf = async (executionId: string) => {
        const execution = await owner.executions.get(executionId);
        const events = await logsOf(executionId);
        return {
          durability: execution.durability,
          status: execution.status,
          output: execution.output,
          steps: execution.steps.map((s) => [s.nodeId, s.status, s.attempt, s.input, s.output]),
          events: events.map((e) => [e.sequence, e.type, e.stepId ?? null]),
        };
      };
      const expressRows = await rowsOf(express.executionId);
      const standardRows = await rowsOf(standard.executionId);
      expect(expressRows.durability).toBe('express');
      expect(standardRows.durability).toBe('standard');
      expect({ ...expressRows, durability: null }).toEqual({ ...standardRows, durability: null });
      expect(expressRows.events.length).toBeGreaterThan(5);
      const listed = await owner.executions.list({ workflowId });
      const summary = listed.items.find((item) => item.id === express.executionId);
      expect(summary?.durability).toBe('express');
    });

    it('runs through the queue and completes on a worker', async () => {
      const { data: started, response } = await owner.api.POST('/api/workflows/{id}/execute', {
        params: { path: { id: workflowId } },
        body: { input: { value: 5 }, mode: 'queued' },
      });
      expect(response.status).toBe(201);
      expect(started).toMatchObject({ mode: 'queued' });
      const done = await eventually(async () => {
        const e = await owner.executions.get(started!.executionId);
        return e.status === 'completed' ? e : undefined;
      });
      expect(done.output).toEqual({ doubled: 10 });
      expect(done.steps.every((s) => s.status === 'completed')).toBe(true);
    });

    it('refuses an invalid definition with 400 listing the problems', async () => {
      const definition = {
        nodes: [{ id: 'a', type: 'no.such.type', position: { x: 0, y: 0 }, data: { inputs: {} } }],
        edges: [],
      };
      // Saving runs the same checks as running, so an invalid definition never reaches execute.
      const broken = await apiErrorOf(owner.workflows.create({ name: 'Broken', format: 'graph', definition }));
      expect(broken.statusCode).toBe(400);
      expect(JSON.stringify(broken.problems)).toContain('no.such.type');
      const run = await owner.api.POST('/api/workflows/run', {
        body: { format: 'graph', definition, mode: 'immediate' },
      });
      expect(run.response.status).toBe(400);
      expect(JSON.stringify((run.error as { problems?: unknown } | undefined)?.problems)).toContain('no.such.type');
    });
  });
}
