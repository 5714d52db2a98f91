import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RunningBaton } from '../../../api/src/bootstrap/start-baton';
import { eventually, TestApiClient } from '../support/api-client';
import { doublingGraph } from '../support/graphs';
import { setUpOwner } from '../support/identities';
import { startInProcessBaton } from '../support/in-process-baton';
import { prepareTier, type TierEnvironment, type TierName } from '../support/test-tiers';

/** Starting and reading executions through the REST API on one tier (immediate and queued). */
export function describeExecutions(tier: TierName): void {
  describe(`executions on the ${tier} tier`, () => {
    let environment: TierEnvironment;
    let baton: RunningBaton;
    let owner: TestApiClient;
    let workflowId: string;

    beforeAll(async () => {
      environment = await prepareTier(tier);
      baton = await startInProcessBaton(environment.env);
      owner = await setUpOwner(new TestApiClient(baton.url));
      const created = await owner.post('/api/workflows', {
        name: 'Doubler',
        format: 'graph',
        definition: doublingGraph(),
      });
      workflowId = created.body.id;
    });

    afterAll(async () => {
      await baton?.close();
      await environment?.cleanup();
    });

    it('runs immediately in the request and persists every step', async () => {
      const started = await owner.post(`/api/workflows/${workflowId}/execute`, {
        input: { value: 21 },
        mode: 'immediate',
      });
      expect(started.status).toBe(201);
      expect(started.body).toMatchObject({ status: 'completed', mode: 'immediate', output: { doubled: 42 } });
      const execution = await owner.get(`/api/executions/${started.body.executionId}`);
      expect(execution.body).toMatchObject({
        status: 'completed',
        output: { doubled: 42 },
        input: { value: 21 },
        workflowId,
      });
      expect(
        execution.body.steps.map((s: { nodeId: string; status: string; attempt: number }) => [
          s.nodeId,
          s.status,
          s.attempt,
        ]),
      ).toEqual([
        ['start', 'completed', 1],
        ['double', 'completed', 1],
        ['log', 'completed', 1],
      ]);
    });

    it('writes an express run once it ended, with the same rows a standard run of the same workflow has', async () => {
      const express = await owner.post(`/api/workflows/${workflowId}/execute`, {
        input: { value: 4 },
        mode: 'immediate',
      });
      expect(express.body).toMatchObject({ status: 'completed', durability: 'express' });
      const standard = await owner.post(`/api/workflows/${workflowId}/execute`, {
        input: { value: 4 },
        mode: 'immediate',
        options: { durability: 'standard' },
      });
      expect(standard.body).toMatchObject({ status: 'completed', durability: 'standard' });
      const queued = await owner.post(`/api/workflows/${workflowId}/execute`, {
        input: { value: 4 },
        mode: 'queued',
        options: { durability: 'express' },
      });
      expect(queued.body).toMatchObject({ durability: 'standard' });

      type Step = { nodeId: string; status: string; attempt: number; input: unknown; output: unknown };
      type Event = { sequence: number; type: string; stepId?: string; data?: unknown };
      const rowsOf = async (executionId: string) => {
        const execution = (await owner.get(`/api/executions/${executionId}`)).body;
        const logs = (await owner.get(`/api/executions/${executionId}/logs`)).body;
        const events: Event[] = Array.isArray(logs) ? logs : (logs.items ?? logs.events);
        return {
          durability: execution.durability,
          status: execution.status,
          output: execution.output,
          steps: execution.steps.map((s: Step) => [s.nodeId, s.status, s.attempt, s.input, s.output]),
          events: events.map((e) => [e.sequence, e.type, e.stepId ?? null]),
        };
      };
      const expressRows = await rowsOf(express.body.executionId);
      const standardRows = await rowsOf(standard.body.executionId);
      expect(expressRows.durability).toBe('express');
      expect(standardRows.durability).toBe('standard');
      expect({ ...expressRows, durability: null }).toEqual({ ...standardRows, durability: null });
      expect(expressRows.events.length).toBeGreaterThan(5);
      const listed = await owner.get(`/api/executions?workflowId=${workflowId}`);
      const summary = listed.body.items.find((item: { id: string }) => item.id === express.body.executionId);
      expect(summary.durability).toBe('express');
    });

    it('runs through the queue and completes on a worker', async () => {
      const started = await owner.post(`/api/workflows/${workflowId}/execute`, { input: { value: 5 }, mode: 'queued' });
      expect(started.status).toBe(201);
      expect(started.body).toMatchObject({ mode: 'queued' });
      const done = await eventually(async () => {
        const e = await owner.get(`/api/executions/${started.body.executionId}`);
        return e.body.status === 'completed' ? e.body : undefined;
      });
      expect(done.output).toEqual({ doubled: 10 });
      expect(done.steps.every((s: { status: string }) => s.status === 'completed')).toBe(true);
    });

    it('refuses an invalid definition with 400 listing the problems', async () => {
      const definition = {
        nodes: [{ id: 'a', type: 'no.such.type', position: { x: 0, y: 0 }, data: { inputs: {} } }],
        edges: [],
      };
      // Saving runs the same checks as running, so an invalid definition never reaches execute.
      const broken = await owner.post('/api/workflows', { name: 'Broken', format: 'graph', definition });
      expect(broken.status).toBe(400);
      expect(JSON.stringify(broken.body.problems)).toContain('no.such.type');
      const run = await owner.post('/api/workflows/run', { format: 'graph', definition, mode: 'immediate' });
      expect(run.status).toBe(400);
      expect(JSON.stringify(run.body.problems)).toContain('no.such.type');
    });
  });
}
