import SwaggerParser from '@apidevtools/swagger-parser';
import { BatonApiError, BatonClient, signWebhook, WEBHOOK_SIGNATURE_HEADER, type ExecutionEvent } from '@baton/client';
import { startEmbeddedOwnerBaton, type EmbeddedOwnerBaton } from '../support/embedded-owner-baton';
import { delayedGraph, doublingGraph } from '../support/graphs';

// Issue 17: @baton/client against a real server on the embedded tier (in-process, no mocks).
const OWNER = { email: 'owner@example.test', password: 'correct horse' };

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

describe('@baton/client against a running Baton (embedded tier)', () => {
  let running: EmbeddedOwnerBaton;
  let client: BatonClient;
  let token: string;

  beforeAll(async () => {
    running = await startEmbeddedOwnerBaton();
    const anonymous = new BatonClient({ baseUrl: running.baton.url });
    const { data } = await anonymous.api.POST('/api/auth/login', { body: OWNER });
    token = data!.accessToken;
    client = new BatonClient({ baseUrl: running.baton.url, accessToken: () => token });
  });

  afterAll(async () => {
    await running?.close();
  });

  it('serves a document at /api/docs-json that swagger-parser validates', async () => {
    const document: unknown = await (await fetch(`${running.baton.url}/api/docs-json`)).json();
    await expect(SwaggerParser.validate(document as never)).resolves.toBeDefined();
  });

  it('creates, validates, updates and executes a workflow immediately and queued', async () => {
    const checked = await client.workflows.validate({ format: 'graph', definition: doublingGraph() });
    expect(checked).toEqual({ valid: true, problems: [] });
    const workflow = await client.workflows.create({
      name: 'SDK doubler',
      format: 'graph',
      definition: doublingGraph(),
      status: 'active',
    });
    const updated = await client.workflows.update(workflow.id, { description: 'doubles a value' });
    expect(updated).toMatchObject({ id: workflow.id, description: 'doubles a value' });

    const immediate = await client.workflows.execute(workflow.id, { input: { value: 21 }, mode: 'immediate' });
    expect(immediate).toMatchObject({ mode: 'immediate', status: 'completed', output: { doubled: 42 } });

    const queued = await client.workflows.execute(workflow.id, { input: { value: 5 }, mode: 'queued' });
    expect(queued.mode).toBe('queued');
    const finished = await client.executions.wait(queued.executionId, { timeoutMs: 20_000 });
    expect(finished).toMatchObject({ id: queued.executionId, status: 'completed', output: { doubled: 10 } });
    const page = await client.executions.list({ workflowId: workflow.id });
    expect(page.items.map((item) => item.id)).toEqual(expect.arrayContaining([queued.executionId]));
  });

  it('streams an execution to completion in sequence order and resumes after a sequence', async () => {
    const workflow = await client.workflows.create({
      name: 'SDK delayed',
      format: 'graph',
      definition: delayedGraph(300),
    });
    const { executionId } = await client.workflows.execute(workflow.id, { mode: 'queued' });
    const events: ExecutionEvent[] = [];
    for await (const event of client.executions.stream(executionId)) events.push(event);
    expect(events.map((e) => e.sequence)).toEqual(events.map((_, i) => i + 1));
    expect(events.at(-1)?.type).toBe('completed');

    const resumed: ExecutionEvent[] = [];
    for await (const event of client.executions.stream(executionId, { afterSequence: 2 })) resumed.push(event);
    expect(resumed).toEqual(events.slice(2));
    // Resuming after the end yields nothing and returns instead of reconnecting forever.
    const afterEnd: ExecutionEvent[] = [];
    for await (const event of client.executions.stream(executionId, { afterSequence: events.length }))
      afterEnd.push(event);
    expect(afterEnd).toEqual([]);
  });

  it('reconnects a dropped stream with Last-Event-ID and misses or repeats no event', async () => {
    const workflow = await client.workflows.create({
      name: 'SDK drop',
      format: 'graph',
      definition: delayedGraph(800),
    });
    const { executionId } = await client.workflows.execute(workflow.id, { mode: 'queued' });
    const resumedFrom: Array<string | null> = [];
    // The real server's stream, cut after its first event as a dropped connection would be.
    const droppingFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (!String(input).endsWith('/stream')) return response;
      resumedFrom.push(new Headers(init?.headers).get('last-event-id'));
      if (resumedFrom.length > 1 || !response.body) return response;
      const reader = response.body.getReader();
      let seen = '';
      const cut = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const { done, value } = await reader.read();
          if (done) return controller.close();
          controller.enqueue(value);
          seen += new TextDecoder().decode(value);
          if (/^id: /m.test(seen)) {
            await reader.cancel();
            controller.error(new TypeError('network connection lost'));
          }
        },
      });
      return new Response(cut, { status: response.status, headers: response.headers });
    };
    const flaky = new BatonClient({ baseUrl: running.baton.url, accessToken: token, fetch: droppingFetch });
    const events: ExecutionEvent[] = [];
    for await (const event of flaky.executions.stream(executionId)) events.push(event);
    expect(resumedFrom.length).toBeGreaterThanOrEqual(2);
    expect(resumedFrom[0]).toBeNull();
    expect(Number(resumedFrom[1])).toBeGreaterThanOrEqual(1);
    expect(events.map((e) => e.sequence)).toEqual(events.map((_, i) => i + 1));
    expect(events.at(-1)?.type).toBe('completed');
  });

  it('pauses, resumes and cancels a queued run; redrives a failed one', async () => {
    const slow = await client.workflows.create({ name: 'SDK slow', format: 'graph', definition: delayedGraph(30_000) });
    const first = await client.workflows.execute(slow.id, { mode: 'queued' });
    expect((await client.executions.pause(first.executionId)).status).toBe('paused');
    expect((await client.executions.resume(first.executionId)).status).toBe('running');
    expect((await client.executions.cancel(first.executionId)).status).toBe('cancelled');
    expect((await client.executions.wait(first.executionId, { timeoutMs: 10_000 })).status).toBe('cancelled');

    const failing = await client.workflows.create({ name: 'SDK failing', format: 'graph', definition: failingGraph() });
    const run = await client.workflows.execute(failing.id, { mode: 'queued' });
    expect(await client.executions.wait(run.executionId, { timeoutMs: 20_000 })).toMatchObject({
      status: 'failed',
      error: 'ORDER_REJECTED',
    });
    expect((await client.executions.redrive(run.executionId)).id).toBe(run.executionId);
    expect((await client.executions.wait(run.executionId, { timeoutMs: 20_000 })).status).toBe('failed');
  });

  it('throws typed errors carrying statusCode, error and problems', async () => {
    const missing = await client.executions.get('00000000-0000-4000-8000-000000000000').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(BatonApiError);
    expect(missing).toMatchObject({ statusCode: 404, error: 'NOT_FOUND' });

    const invalid = await client.workflows
      .create({
        name: 'broken',
        format: 'graph',
        definition: { nodes: [{ id: 'a', type: 'no.such-node', position: { x: 0, y: 0 }, data: {} }], edges: [] },
        status: 'active',
      })
      .catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(BatonApiError);
    const error = invalid as BatonApiError;
    expect(error.statusCode).toBe(400);
    expect(error.problems.length).toBeGreaterThan(0);
    expect(error.problems[0]).toEqual(
      expect.objectContaining({ path: expect.any(String), message: expect.any(String) }),
    );

    const signedOut = new BatonClient({ baseUrl: running.baton.url });
    await expect(signedOut.workflows.list()).rejects.toMatchObject({ statusCode: 401, error: 'UNAUTHENTICATED' });
  });

  it('authenticates with an API key', async () => {
    const { data: created } = await client.api.POST('/api/api-keys', { body: { name: 'sdk test', role: 'viewer' } });
    const service = new BatonClient({ baseUrl: running.baton.url, apiKey: created!.key });
    expect((await service.workflows.list()).items.length).toBeGreaterThan(0);
  });

  it('signs a webhook call the server accepts once, and the run completes', async () => {
    const workflow = await client.workflows.create({
      name: 'SDK webhook',
      format: 'graph',
      definition: doublingGraph(),
      status: 'active',
    });
    const { data: trigger, error } = await client.api.POST('/api/workflows/{id}/triggers', {
      params: { path: { id: workflow.id } },
      body: { type: 'webhook', signed: true, methods: ['POST'] },
    });
    expect(error).toBeUndefined();
    const url = new URL(trigger!.url!);
    const target = `${running.baton.url}${url.pathname}`;
    const body = JSON.stringify({ value: 4 });
    const signature = await signWebhook(trigger!.secret!, body);
    const call = () =>
      fetch(target, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [WEBHOOK_SIGNATURE_HEADER]: signature },
        body,
      });
    const accepted = await call();
    expect(accepted.status).toBe(202);
    const { executionId } = (await accepted.json()) as { executionId: string };
    expect((await client.executions.wait(executionId, { timeoutMs: 20_000 })).status).toBe('completed');
    // The same signature again is a replay.
    expect((await call()).status).toBe(401);
    const forged = await fetch(target, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [WEBHOOK_SIGNATURE_HEADER]: await signWebhook('wrong', body) },
      body,
    });
    expect(forged.status).toBe(401);
  });
});
