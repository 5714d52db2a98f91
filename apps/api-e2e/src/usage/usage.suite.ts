import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  type ChatCompletionsTestServer,
  startChatCompletionsTestServer,
} from '../../../../libs/nodes/src/testing/chat-completions-test-server';
import type { RunningBaton } from '../../../api/src/bootstrap/start-baton';
import { eventually, type TestApiClient } from '../support/api-client';
import { doublingGraph, edge, node } from '../support/graphs';
import { addMember, setUpOwner } from '../support/identities';
import { startInProcessBaton } from '../support/in-process-baton';
import { prepareTier, type TierEnvironment, type TierName } from '../support/test-tiers';
import { TestApiClient as Client } from '../support/api-client';
import { createTrigger, createWorkflow, schedulerOf, setNextRunAt } from '../triggers/trigger-fixtures';

/** The rate the suite's Baton runs with: 2 credits per 1,000 tokens. */
const CREDITS_PER_1K_TOKENS = 2;
const round4 = (value: number) => Math.round(value * 10_000) / 10_000;

interface Step {
  nodeId: string;
  output: unknown;
}
interface Execution {
  id: string;
  status: string;
  steps: Step[];
}

/**
 * Usage in credits on one tier, over HTTP: what each step costs (node credit cost, AI tokens at
 * BATON_CREDITS_PER_1K_TOKENS), the report's totals against the sum of the steps' costs, the
 * monthly limit (who may set it, validation) and the starts it refuses, concurrent ones too.
 */
export function describeUsage(tier: TierName): void {
  describe(`usage and credit limits on the ${tier} tier`, () => {
    let environment: TierEnvironment;
    let baton: RunningBaton;
    let owner: TestApiClient;
    let chat: ChatCompletionsTestServer;
    let workspaceId: string;
    let aiWorkflowId: string;
    let plainWorkflowId: string;

    beforeAll(async () => {
      chat = await startChatCompletionsTestServer();
      environment = await prepareTier(tier);
      baton = await startInProcessBaton({
        ...environment.env,
        BATON_CREDITS_PER_1K_TOKENS: String(CREDITS_PER_1K_TOKENS),
      });
      owner = await setUpOwner(new Client(baton.url));
      workspaceId = (await owner.get('/api/workspaces')).body[0].id;
      const credential = await owner.post('/api/credentials', {
        name: 'Usage model',
        kind: 'openai',
        values: { baseUrl: chat.baseUrl, apiKey: chat.apiKey, defaultModel: 'test-model' },
      });
      expect(credential.status).toBe(201);
      aiWorkflowId = await createWorkflow(owner, 'Writes with a model', {
        nodes: [
          node('start', 'trigger.manual'),
          node('shape', 'data.transform', { expression: '{ "topic": topic }' }, 200),
          node('write', 'ai.generate', { credentialId: credential.body.id, prompt: 'Write about {{ topic }}' }, 400),
          node('log', 'util.log', { message: 'written' }, 600),
        ],
        edges: [edge('start', 'shape'), edge('shape', 'write'), edge('write', 'log')],
      });
      plainWorkflowId = await createWorkflow(owner, 'Doubles', doublingGraph());
    });

    afterAll(async () => {
      await baton?.close();
      await environment?.cleanup();
      await chat?.close();
    });

    async function execute(workflowId: string, mode: 'immediate' | 'queued', input: unknown) {
      return owner.post(`/api/workflows/${workflowId}/execute`, { mode, input });
    }

    async function finished(executionId: string): Promise<Execution> {
      return eventually(async () => {
        const execution = (await owner.get(`/api/executions/${executionId}`)).body as Execution;
        return ['completed', 'failed', 'cancelled'].includes(execution.status) ? execution : undefined;
      });
    }

    async function usage(query: string) {
      const report = await owner.get(`/api/usage?${query}`);
      expect(report.status).toBe(200);
      return report.body;
    }

    async function executionCount(): Promise<number> {
      return (await owner.get('/api/executions?limit=100')).body.items.length;
    }

    it('meters every step: the report totals equal the sum of the step costs, however grouped', async () => {
      const ai = await execute(aiWorkflowId, 'immediate', { topic: 'credits and how they are counted' });
      const queued = await execute(plainWorkflowId, 'queued', { value: 2 });
      const express = await execute(plainWorkflowId, 'immediate', { value: 3 });
      for (const started of [ai, queued, express]) expect(started.status).toBeLessThan(300);
      const [aiRun, ...plainRuns] = await Promise.all(
        [ai, queued, express].map((started) => finished(started.body.executionId)),
      );
      expect([aiRun.status, ...plainRuns.map((r) => r.status)]).toEqual(['completed', 'completed', 'completed']);
      // From the step outputs, not from the meter: what each step must have cost.
      const tokens = (aiRun.steps.find((s) => s.nodeId === 'write')!.output as { usage: { totalTokens: number } }).usage
        .totalTokens;
      expect(tokens).toBeGreaterThan(0);
      const aiCredits = 1 + round4((tokens * CREDITS_PER_1K_TOKENS) / 1000);
      // trigger.manual costs 0; data.transform, util.log cost 1; ai.generate 1 plus its tokens.
      const expected = { ai: 0 + 1 + aiCredits + 1, plain: 2 * (0 + 1 + 1) };

      const byWorkflow = await usage('groupBy=workflow');
      expect(byWorkflow.totalCredits).toBeCloseTo(expected.ai + expected.plain, 4);
      expect(byWorkflow.totalTokens).toBe(tokens);
      expect(byWorkflow.groups).toEqual(
        expect.arrayContaining([
          {
            key: aiWorkflowId,
            label: 'Writes with a model',
            credits: round4(expected.ai),
            tokens,
            steps: 4,
            executions: 1,
          },
          { key: plainWorkflowId, label: 'Doubles', credits: expected.plain, tokens: 0, steps: 6, executions: 2 },
        ]),
      );
      const byNodeType = await usage('groupBy=nodeType');
      const credits = Object.fromEntries(
        byNodeType.groups.map((g: { key: string; credits: number }) => [g.key, g.credits]),
      );
      expect(credits).toEqual({
        'ai.generate@1': round4(aiCredits),
        'data.transform@1': 3,
        'util.log@1': 3,
        'trigger.manual@1': 0,
      });
      const byDay = await usage('groupBy=day');
      expect(byDay.groups).toHaveLength(1);
      expect(byDay.groups[0].key).toBe(new Date().toISOString().slice(0, 10));
      expect(byDay.totalCredits).toBe(byWorkflow.totalCredits);
      expect((await usage('groupBy=day&from=2020-01-01T00:00:00Z&to=2020-02-01T00:00:00Z')).groups).toEqual([]);
    });

    it('refuses bad usage queries with 400s naming the parameter', async () => {
      const bad = async (query: string) => {
        const response = await owner.get(`/api/usage?${query}`);
        expect(response.status).toBe(400);
        return JSON.stringify(response.body.message);
      };
      expect(await bad('groupBy=week')).toContain('groupBy must be one of workflow, nodeType, day');
      expect(await bad('from=yesterday')).toContain('from must be an ISO 8601 timestamp');
      expect(await bad('from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z')).toContain('to: must be after from');
      expect(await bad('from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z')).toContain('to: the window');
    });

    it('lets only owners set the limit, validates it, and keeps it to the current workspace', async () => {
      const path = `/api/workspaces/${workspaceId}/limits`;
      const editor = await addMember(owner, 'editor', 'usage-editor@example.test');
      expect((await editor.put(path, { monthlyCredits: 5 })).status).toBe(403);
      expect((await editor.get(path)).status).toBe(200);
      for (const body of [
        {},
        { monthlyCredits: -1 },
        { monthlyCredits: 'lots' },
        { monthlyCredits: 1.23456 },
        { monthlyCredits: 9e-323 },
      ]) {
        const refused = await owner.put(path, body);
        expect(refused.status).toBe(400);
        expect(JSON.stringify(refused.body.message)).toContain('monthlyCredits');
      }
      expect((await owner.put('/api/workspaces/not-a-uuid/limits', { monthlyCredits: 1 })).status).toBe(400);
      const other = await owner.put('/api/workspaces/00000000-0000-4000-8000-000000000000/limits', {
        monthlyCredits: 1,
      });
      expect(other.status).toBe(404);
      const unlimited = await owner.get(path);
      expect(unlimited.body).toMatchObject({ workspaceId, monthlyCredits: null, remaining: null, reserved: 0 });
      expect(unlimited.body.used).toBe((await usage('groupBy=day')).totalCredits);
    });

    it('refuses a start that would pass the limit with 402 CREDIT_LIMIT_REACHED, leaving no execution', async () => {
      const path = `/api/workspaces/${workspaceId}/limits`;
      const used = (await usage('groupBy=day')).totalCredits;
      // Room for exactly one more run of the doubling workflow (estimate 2: transform + log).
      const set = await owner.put(path, { monthlyCredits: used + 2 });
      expect(set.status).toBe(200);
      expect(set.body).toMatchObject({ monthlyCredits: used + 2, used, remaining: 2 });
      const fits = await execute(plainWorkflowId, 'immediate', { value: 1 });
      expect(fits.status).toBeLessThan(300);
      await finished(fits.body.executionId);
      const before = await executionCount();
      const refused = await execute(plainWorkflowId, 'immediate', { value: 1 });
      expect(refused.status).toBe(402);
      expect(refused.body).toMatchObject({ error: 'CREDIT_LIMIT_REACHED', monthlyCredits: used + 2, estimate: 2 });
      expect(refused.body.message).toContain('monthly credit limit is reached');
      // A webhook start is refused the same way (the token lookup knows the workspace is limited).
      const hook = await createTrigger(owner, plainWorkflowId, { type: 'webhook' });
      const call = await new Client(baton.url).post(new URL(hook.url).pathname, { value: 4 });
      expect(call.status).toBe(402);
      expect(call.body.error).toBe('CREDIT_LIMIT_REACHED');
      // A form submission gets a 402 page, not a thank-you.
      const form = await createTrigger(owner, plainWorkflowId, {
        type: 'form',
        fields: [{ name: 'value', label: 'Value', type: 'number', required: true }],
      });
      const submitted = await new Client(baton.url).request('POST', new URL(form.url).pathname, 'value=6', {
        'content-type': 'application/x-www-form-urlencoded',
      });
      expect(submitted.status).toBe(402);
      expect(submitted.body).toContain('not accepting submissions');
      // A time-based start (a one-time trigger, made due now) is refused too, its run recorded as failed.
      const once = await createTrigger(owner, plainWorkflowId, {
        type: 'once',
        at: new Date(Date.now() + 3600_000).toISOString(),
      });
      await setNextRunAt(baton, once.id, new Date(Date.now() - 1000).toISOString());
      await schedulerOf(baton).tick(new Date());
      const runs = await eventually(async () => {
        const listed = (await owner.get(`/api/triggers/${once.id}/runs`)).body as Array<{ error: string | null }>;
        return listed.length && listed.every((run) => run.error) ? listed : undefined;
      });
      expect(runs[0].error).toContain('monthly credit limit is reached');
      expect(await executionCount()).toBe(before);
      expect((await owner.get(path)).body).toMatchObject({ used: used + 2, reserved: 0, remaining: 0 });
      // Lifting the limit lets starts through again.
      expect((await owner.put(path, { monthlyCredits: null })).body.monthlyCredits).toBeNull();
      const again = await new Client(baton.url).post(new URL(hook.url).pathname, { value: 5 });
      expect(again.status).toBeLessThan(300);
      await finished(again.body.executionId);
    });

    it('documents the 402 on every operation that starts a run', async () => {
      const docs = (await new Client(baton.url).get('/api/docs-json')).body;
      for (const [path, method] of [
        ['/api/workflows/{id}/execute', 'post'],
        ['/api/workflows/run', 'post'],
        ['/api/executions/{id}/retry', 'post'],
        ['/api/hooks/{token}', 'post'],
      ])
        expect({ path, described: docs.paths[path][method].responses['402']?.description }).toEqual({
          path,
          described: expect.stringContaining('CREDIT_LIMIT_REACHED'),
        });
    });

    it('lets concurrent starts take the last credits without passing the limit', async () => {
      const path = `/api/workspaces/${workspaceId}/limits`;
      const used = (await usage('groupBy=day')).totalCredits;
      // Three runs of 2 credits fit; eight starts race for them.
      await owner.put(path, { monthlyCredits: used + 6 });
      const before = await executionCount();
      const starts = await Promise.all(
        Array.from({ length: 8 }, (_, i) => execute(plainWorkflowId, 'queued', { value: i })),
      );
      const accepted = starts.filter((s) => s.status < 300);
      expect(starts.map((s) => s.status).filter((status) => status === 402)).toHaveLength(5);
      expect(accepted).toHaveLength(3);
      await Promise.all(accepted.map((s) => finished(s.body.executionId)));
      expect(await executionCount()).toBe(before + 3);
      const limits = (await owner.get(path)).body;
      expect(limits).toMatchObject({ used: used + 6, reserved: 0, remaining: 0 });
      expect((await usage('groupBy=day')).totalCredits).toBe(used + 6);
      await owner.put(path, { monthlyCredits: null });
    });
  });
}
