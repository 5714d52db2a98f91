import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BatonClient, ExecutionPage, ListExecutionsQuery } from '@baton/client';
import type { RunningBaton } from '../../../api/src/bootstrap/start-baton';
import { eventually, TestApiClient } from '../support/api-client';
import { delayedGraph, doublingGraph } from '../support/graphs';
import { addMember } from '../support/identities';
import { startInProcessBaton } from '../support/in-process-baton';
import { apiErrorOf, setUpOwnerClients, signInClient } from '../support/sdk-client';
import { prepareTier, type TierEnvironment, type TierName } from '../support/test-tiers';
import { chainGraph, failingGraph, faultyGraph, faultyGraphProblems, sumGraph } from './definitions';

/**
 * Definition validation, runs of unsaved definitions and the executions list on one tier, through
 * the SDK (@baton/client); raw HTTP only for the wire-level cases: malformed bodies and queries,
 * what the typed client cannot send, credentials refused, and the OpenAPI document itself.
 */
export function describeExecutionsApi(tier: TierName): void {
  describe(`validate, run and list executions on the ${tier} tier`, () => {
    let environment: TierEnvironment;
    let baton: RunningBaton;
    let anonymous: TestApiClient;
    let owner: BatonClient;
    let ownerRaw: TestApiClient;

    beforeAll(async () => {
      environment = await prepareTier(tier);
      baton = await startInProcessBaton(environment.env);
      anonymous = new TestApiClient(baton.url);
      ({ sdk: owner, raw: ownerRaw } = await setUpOwnerClients(baton.url));
    });

    afterAll(async () => {
      await baton?.close();
      await environment?.cleanup();
    });

    /** Every page of a listing, following nextCursor. */
    async function listAll(
      client: BatonClient,
      query: ListExecutionsQuery,
      limit: number,
    ): Promise<{ ids: string[]; pages: number }> {
      const ids: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        // Annotated: the cursor loop would otherwise make the inferred type circular.
        const page: { data?: ExecutionPage; response: Response } = await client.api.GET('/api/executions', {
          params: { query: { ...query, limit, ...(cursor ? { cursor } : {}) } },
        });
        expect(page.response.status).toBe(200);
        expect(page.data!.items.length).toBeLessThanOrEqual(limit);
        ids.push(...page.data!.items.map((item) => item.id));
        cursor = page.data!.nextCursor;
        pages++;
      } while (cursor);
      return { ids, pages };
    }

    describe('POST /api/workflows/validate', () => {
      it('answers 200 listing every problem of a definition, each with its path and node or edge id', async () => {
        const response = await owner.api.POST('/api/workflows/validate', {
          body: { format: 'graph', definition: faultyGraph() },
        });
        expect(response.response.status).toBe(200);
        expect(response.data).toEqual({ valid: false, problems: faultyGraphProblems() });
      });

      it('answers valid for a good definition, and lets a viewer ask', async () => {
        // Raw HTTP: the roles and credentials the server refuses are the wire-level part here.
        const viewer = await addMember(ownerRaw, 'viewer', 'viewer@example.test');
        const response = await viewer.post('/api/workflows/validate', { format: 'graph', definition: doublingGraph() });
        expect(response.status).toBe(200);
        expect(response.body).toEqual({ valid: true, problems: [] });
        expect((await viewer.post('/api/workflows/run', { format: 'graph', definition: doublingGraph() })).status).toBe(
          403,
        );
        expect(
          (await anonymous.post('/api/workflows/validate', { format: 'graph', definition: doublingGraph() })).status,
        ).toBe(401);
      });

      it('reports more nodes than the workspace limit', async () => {
        const response = await owner.workflows.validate({ format: 'graph', definition: chainGraph(501) });
        expect(response).toEqual({
          valid: false,
          problems: [{ path: 'definition.nodes', message: '501 nodes exceed the workspace limit of 500' }],
        });
        expect((await owner.workflows.validate({ format: 'graph', definition: chainGraph(500) })).valid).toBe(true);
      });

      it('reports structural faults and an unknown format as problems, a malformed body as a 400 naming the field', async () => {
        const shape = await owner.workflows.validate({ format: 'graph', definition: { nodes: 'none', edges: [] } });
        expect(shape).toEqual({
          valid: false,
          problems: [{ path: 'definition.nodes', message: 'nodes must be an array' }],
        });
        // Raw HTTP from here: an unknown format and malformed bodies are what the typed client refuses to send.
        const format = await ownerRaw.post('/api/workflows/validate', { format: 'bpmn', definition: {} });
        expect(format.status).toBe(200);
        expect(format.body.problems).toEqual([
          { path: 'format', message: expect.stringContaining('unsupported workflow format "bpmn"') },
        ]);
        const cases: [unknown, string][] = [
          [{ definition: doublingGraph() }, 'format'],
          [{ format: 'graph' }, 'definition'],
          [{ format: 'graph', definition: 'nodes' }, 'definition'],
          [{ format: 'graph', definition: [] }, 'definition'],
          [{ format: 42, definition: doublingGraph() }, 'format'],
          [{ format: 'graph', definition: doublingGraph(), extra: true }, 'extra'],
        ];
        for (const [body, field] of cases) {
          const response = await ownerRaw.post('/api/workflows/validate', body);
          expect({ body, status: response.status }).toEqual({ body, status: 400 });
          expect(JSON.stringify(response.body.message)).toContain(field);
        }
      });

      it('lists the problems of every layer in one answer: a broken edge or StartAt hides nothing else', async () => {
        // faultyGraph plus an edge to a node that does not exist (a structural fault).
        const graph = faultyGraph();
        graph.edges.push({ id: 'e7', source: 'start', target: 'ghost', sourceHandle: 'out', targetHandle: 'in' });
        const answer = await owner.workflows.validate({ format: 'graph', definition: graph });
        expect(answer).toEqual({
          valid: false,
          problems: [
            { path: 'definition.edges[6].target', message: 'target "ghost" is not a node', edgeId: 'e7' },
            ...faultyGraphProblems(),
          ],
        });
        const asl = await owner.workflows.validate({
          format: 'asl',
          definition: {
            StartAt: 'Missing',
            States: { A: { Type: 'Task', Resource: 'baton:no.such', End: true }, B: { Type: 'Pass', Next: 'Gone' } },
          },
        });
        expect(asl.valid).toBe(false);
        expect(asl.problems.map((p: { path: string }) => p.path)).toEqual(
          expect.arrayContaining(['definition.StartAt', 'definition.States.A.Resource', 'definition.States.B.Next']),
        );
      });
    });

    describe('the same checks on save and on run', () => {
      it('refuses to save an invalid definition with 400 listing every problem, on create and on update', async () => {
        const created = await apiErrorOf(
          owner.workflows.create({ name: 'Faulty', format: 'graph', definition: faultyGraph() }),
        );
        expect(created).toMatchObject({ statusCode: 400, error: 'VALIDATION_FAILED', problems: faultyGraphProblems() });
        expect(created.body).toMatchObject({ statusCode: 400 });
        expect((created.body as { message: unknown }).message).toContain(
          'definition.nodes[1].type: unknown node type "no.such.type"',
        );
        const good = await owner.api.POST('/api/workflows', {
          body: { name: 'Good', format: 'graph', definition: doublingGraph() },
        });
        expect(good.response.status).toBe(201);
        const updated = await apiErrorOf(owner.workflows.update(good.data!.id, { definition: faultyGraph() }));
        expect(updated).toMatchObject({ statusCode: 400, error: 'VALIDATION_FAILED', problems: faultyGraphProblems() });
        expect((await owner.workflows.get(good.data!.id)).currentVersion).toBe(1);
      });

      it('refuses to run an invalid unsaved definition with the same 400 body', async () => {
        const run = await owner.api.POST('/api/workflows/run', {
          body: { format: 'graph', definition: faultyGraph(), mode: 'immediate' },
        });
        expect(run.response.status).toBe(400);
        expect(run.error).toMatchObject({
          statusCode: 400,
          error: 'VALIDATION_FAILED',
          problems: faultyGraphProblems(),
        });
      });
    });

    describe('POST /api/workflows/run', () => {
      it('runs an unsaved definition in immediate mode and returns its output; the execution has no workflow', async () => {
        const { data: started, response } = await owner.api.POST('/api/workflows/run', {
          body: {
            format: 'graph',
            definition: sumGraph(),
            input: { a: 2, b: 40 },
            mode: 'immediate',
            options: { tags: ['editor-test'], priority: 3, timeout: 60_000 },
          },
        });
        expect(response.status).toBe(201);
        expect(started).toMatchObject({
          status: 'completed',
          mode: 'immediate',
          output: { sum: 42 },
          error: null,
          cause: null,
        });
        expect(started!.complexity).toEqual(expect.objectContaining({ recommendedMode: expect.any(String) }));
        const execution = await owner.executions.get(started!.executionId);
        expect(execution).toMatchObject({
          workflowId: null,
          workflowVersionId: null,
          status: 'completed',
          input: { a: 2, b: 40 },
          output: { sum: 42 },
        });
        expect(execution.steps.map((s) => [s.nodeId, s.status])).toEqual([
          ['start', 'completed'],
          ['sum', 'completed'],
        ]);
      });

      it('runs an unsaved definition through the queue', async () => {
        const { data: started, response } = await owner.api.POST('/api/workflows/run', {
          body: { format: 'graph', definition: sumGraph(), input: { a: 1, b: 1 }, mode: 'queued' },
        });
        expect(response.status).toBe(201);
        expect(started).toMatchObject({ mode: 'queued' });
        expect(started!.output).toBeUndefined();
        const done = await eventually(async () => {
          const e = await owner.executions.get(started!.executionId);
          return e.status === 'completed' ? e : undefined;
        });
        expect(done.output).toEqual({ sum: 2 });
      });

      it('answers a malformed body with 400 naming the field', async () => {
        const cases: [unknown, string][] = [
          [{ definition: sumGraph() }, 'format'],
          [{ format: 'yaml', definition: sumGraph() }, 'format'],
          [{ format: 'graph' }, 'definition'],
          [{ format: 'graph', definition: sumGraph(), mode: 'later' }, 'mode'],
          [{ format: 'graph', definition: sumGraph(), options: { timeout: -1 } }, 'options.timeout'],
          [{ format: 'graph', definition: sumGraph(), options: { tags: 'x' } }, 'options.tags'],
        ];
        for (const [body, field] of cases) {
          const response = await ownerRaw.post('/api/workflows/run', body);
          expect({ body, status: response.status }).toEqual({ body, status: 400 });
          expect(JSON.stringify(response.body.message)).toContain(field);
        }
      });
    });

    describe('GET /api/executions', () => {
      let doublerId: string;
      let failerId: string;
      /** Every execution this block started, newest first. */
      const started: string[] = [];
      let cancelledId: string;

      beforeAll(async () => {
        doublerId = (await owner.workflows.create({ name: 'Doubler', format: 'graph', definition: doublingGraph() }))
          .id;
        failerId = (await owner.workflows.create({ name: 'Failer', format: 'graph', definition: failingGraph() })).id;
        // The wrappers throw BatonApiError on anything but a 2xx, which fails the set-up.
        const runs = [
          () =>
            owner.workflows.execute(doublerId, {
              input: { value: 1 },
              mode: 'immediate',
              options: { tags: ['nightly'] },
            }),
          () => owner.workflows.execute(failerId, { mode: 'immediate', options: { tags: ['nightly', 'billing'] } }),
          () => owner.workflows.execute(doublerId, { input: { value: 2 }, mode: 'immediate' }),
          async () =>
            (
              await owner.api.POST('/api/workflows/run', {
                body: {
                  format: 'graph',
                  definition: sumGraph(),
                  input: { a: 1, b: 2 },
                  mode: 'immediate',
                  options: { tags: ['billing'] },
                },
              })
            ).data!,
          () => owner.workflows.execute(failerId, { mode: 'immediate' }),
          () => owner.workflows.execute(doublerId, { input: { value: 3 }, mode: 'immediate' }),
        ];
        for (const run of runs) started.unshift((await run()).executionId);
        const waiting = await owner.api.POST('/api/workflows/run', {
          body: { format: 'graph', definition: delayedGraph(60_000), mode: 'queued' },
        });
        cancelledId = waiting.data!.executionId;
        const cancelled = await owner.api.DELETE('/api/executions/{id}', { params: { path: { id: cancelledId } } });
        expect(cancelled.response.status).toBe(200);
        started.unshift(cancelledId);
      });

      it('lists the workspace executions newest first, as summaries without steps', async () => {
        const { data: list, response } = await owner.api.GET('/api/executions', { params: { query: { limit: 100 } } });
        expect(response.status).toBe(200);
        const ids = list!.items.map((item) => item.id);
        // Earlier tests in this file ran executions too; this block's are the newest.
        expect(ids.slice(0, started.length)).toEqual(started);
        expect(list!.nextCursor).toBeNull();
        const failed = list!.items.find((item) => item.id === started[2])!;
        // The wire shape of a summary: exactly these fields, no steps.
        expect(Object.keys(failed).sort()).toEqual(
          [
            'cause',
            'createdAt',
            'durability',
            'durationMs',
            'endedAt',
            'error',
            'id',
            'mode',
            'parentExecutionId',
            'parentStepId',
            'priority',
            'startedAt',
            'status',
            'tags',
            'trigger',
            'workflowId',
            'workflowVersionId',
          ].sort(),
        );
        expect(failed).toMatchObject({
          workflowId: failerId,
          status: 'failed',
          mode: 'immediate',
          trigger: 'manual',
          priority: 0,
          error: 'ORDER_REJECTED',
          cause: 'rejected by test',
          tags: [],
        });
        expect(failed.durationMs).toBe(Date.parse(failed.endedAt!) - Date.parse(failed.startedAt!));
        const createdTimes = list!.items.map((item) => Date.parse(item.createdAt));
        expect(createdTimes).toEqual([...createdTimes].sort((a, b) => b - a));
      });

      it('filters by workflow (workflowId or its alias workflow), status, several statuses and tag', async () => {
        const ids = async (query: ListExecutionsQuery) =>
          (await owner.executions.list(query)).items.map((item) => item.id);
        const doublerRuns = [started[1], started[4], started[6]];
        expect(await ids({ workflowId: doublerId })).toEqual(doublerRuns);
        expect(await ids({ workflow: doublerId })).toEqual(doublerRuns);
        expect(await ids({ workflowId: failerId, status: 'failed' })).toEqual([started[2], started[5]]);
        expect(await ids({ workflowId: doublerId, status: 'failed' })).toEqual([]);
        expect(await ids({ status: 'cancelled' })).toEqual([cancelledId]);
        const failedOrCancelled = await ids({ status: 'failed,cancelled' });
        expect(failedOrCancelled).toEqual([cancelledId, started[2], started[5]]);
        // Wire level: a repeated parameter, which the typed query cannot express.
        const repeated = await ownerRaw.get('/api/executions?status=failed&status=cancelled');
        expect(repeated.body.items.map((item: { id: string }) => item.id)).toEqual(failedOrCancelled);
        expect(await ids({ tag: 'billing' })).toEqual([started[3], started[5]]);
        expect(await ids({ tag: 'nightly', status: 'completed' })).toEqual([started[6]]);
      });

      it('filters by a created-time range: from inclusive, to exclusive', async () => {
        const all = (await owner.executions.list({ limit: 100 })).items;
        const pivot = all.find((item) => item.id === started[3])!;
        const ids = async (query: ListExecutionsQuery) =>
          (await owner.executions.list({ limit: 100, ...query })).items.map((item) => item.id);
        const from = await ids({ from: pivot.createdAt });
        expect(from).toEqual(
          all.filter((item) => Date.parse(item.createdAt) >= Date.parse(pivot.createdAt)).map((item) => item.id),
        );
        expect(from).toContain(started[3]);
        const to = await ids({ to: pivot.createdAt });
        expect(to).toEqual(
          all.filter((item) => Date.parse(item.createdAt) < Date.parse(pivot.createdAt)).map((item) => item.id),
        );
        expect(to).not.toContain(started[3]);
        expect([...from, ...to].sort()).toEqual(all.map((item) => item.id).sort());
        expect(await ids({ from: new Date(Date.now() + 3_600_000).toISOString() })).toEqual([]);
      });

      it('pages through every execution with a cursor, with no duplicates or gaps', async () => {
        const everything = (await owner.executions.list({ limit: 100 })).items.map((item) => item.id);
        const paged = await listAll(owner, {}, 2);
        expect(paged.ids).toEqual(everything);
        expect(new Set(paged.ids).size).toBe(paged.ids.length);
        expect(paged.pages).toBe(Math.ceil(everything.length / 2));
        const defaultPage = await owner.executions.list();
        expect(defaultPage.items.length).toBe(Math.min(20, everything.length));
        const filtered = await listAll(owner, { workflowId: doublerId }, 1);
        expect(filtered.ids).toEqual([started[1], started[4], started[6]]);
        // A new execution started between pages lands on the first page, never shifts later ones.
        const first = await owner.executions.list({ limit: 3 });
        await owner.api.POST('/api/workflows/run', {
          body: { format: 'graph', definition: sumGraph(), input: { a: 0, b: 0 }, mode: 'immediate' },
        });
        const second = await owner.executions.list({ limit: 3, cursor: first.nextCursor! });
        expect(second.items.map((item) => item.id)).toEqual(everything.slice(3, 6));
      });

      it("never lists another workspace's executions", async () => {
        const workspaceB = await owner.api.POST('/api/workspaces', { body: { name: 'Workspace B' } });
        expect(workspaceB.response.status).toBe(201);
        const ownerInB = await signInClient(baton.url, 'owner@example.test', 'correct horse', workspaceB.data!.id);
        const inB = await ownerInB.api.POST('/api/workflows/run', {
          body: {
            format: 'graph',
            definition: sumGraph(),
            input: { a: 5, b: 5 },
            mode: 'immediate',
            options: { tags: ['billing'] },
          },
        });
        expect(inB.response.status).toBe(201);
        const inBId = inB.data!.executionId;
        const listedInB = (await ownerInB.executions.list({ limit: 100 })).items.map((item) => item.id);
        expect(listedInB).toEqual([inBId]);
        const listedInA = (await listAll(owner, { tag: 'billing' }, 100)).ids;
        expect(listedInA).not.toContain(inBId);
        expect((await ownerInB.executions.list({ workflowId: doublerId })).items).toEqual([]);
        expect((await apiErrorOf(ownerInB.executions.get(started[0]))).statusCode).toBe(404);
      });

      it('answers malformed filters with 400 naming the parameter, never 500', async () => {
        const cases: [string, string][] = [
          ['status=bogus', 'status'],
          ['status=failed,bogus', 'status'],
          ['status=', 'status'],
          ['workflowId=not-a-uuid', 'workflowId'],
          ['workflow=not-a-uuid', 'workflow'],
          [`workflowId=${doublerId}&workflow=${failerId}`, 'workflow'],
          ['from=yesterday', 'from'],
          ['to=2024-13-45T00:00:00Z', 'to'],
          ['from=2025-02-01T00:00:00Z&to=2025-01-01T00:00:00Z', 'to'],
          ['limit=0', 'limit'],
          ['limit=101', 'limit'],
          ['limit=ten', 'limit'],
          ['cursor=bm90LWEtY3Vyc29y', 'cursor'],
          ['tag=', 'tag'],
          ['colour=red', 'colour'],
        ];
        for (const [query, parameter] of cases) {
          // Raw HTTP: malformed query strings are the wire-level case.
          const response = await ownerRaw.get(`/api/executions?${query}`);
          expect({ query, status: response.status }).toEqual({ query, status: 400 });
          expect(JSON.stringify(response.body.message)).toContain(parameter);
        }
      });
    });

    it('documents the new endpoints in the OpenAPI document', async () => {
      const docs = await anonymous.get('/api/docs-json');
      expect(docs.status).toBe(200);
      expect(Object.keys(docs.body.paths['/api/workflows/validate'])).toEqual(['post']);
      expect(Object.keys(docs.body.paths['/api/workflows/run'])).toEqual(['post']);
      expect(docs.body.paths['/api/executions'].get.parameters.map((p: { name: string }) => p.name).sort()).toEqual([
        'cursor',
        'from',
        'groupBy',
        'limit',
        'parentExecutionId',
        'status',
        'tag',
        'to',
        'workflow',
        'workflowId',
      ]);
      expect(Object.keys(docs.body.components.schemas)).toEqual(
        expect.arrayContaining([
          'ValidateDefinitionDto',
          'DefinitionValidationDto',
          'DefinitionProblemDto',
          'RunDefinitionDto',
          'ExecutionPageDto',
          'ExecutionSummaryDto',
        ]),
      );
    });
  });
}
