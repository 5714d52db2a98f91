import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { DataSource } from 'typeorm';
import type { RunningBaton } from '../../../api/src/bootstrap/start-baton';
import { FailureNotifier } from '../../../api/src/operations/notifications/failure-notifier.service';
import { verifyWebhookSignature } from '../../../api/src/triggers/webhooks/verify-webhook-signature';
import { eventually, TestApiClient } from '../support/api-client';
import { delayedGraph, doublingGraph, edge, node } from '../support/graphs';
import { addMember, setUpOwner } from '../support/identities';
import { startInProcessBaton } from '../support/in-process-baton';
import { prepareTier, type TierEnvironment } from '../support/test-tiers';
import { createTrigger, schedulerOf, setNextRunAt } from '../triggers/trigger-fixtures';
import { parsePrometheusText, sampleValue } from '../observability/parse-prometheus-text';

const ALERT_SECRET = 'alert-signing-secret-0123';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A span as the OTLP/HTTP JSON exporter sends it (ids in hex). */
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: Record<string, unknown>;
}

function spansOf(body: {
  resourceSpans?: Array<{ scopeSpans?: Array<{ spans?: Array<Record<string, unknown>> }> }>;
}): OtlpSpan[] {
  return (body.resourceSpans ?? []).flatMap((resource) =>
    (resource.scopeSpans ?? []).flatMap((scope) =>
      (scope.spans ?? []).map((span) => ({
        traceId: String(span['traceId']),
        spanId: String(span['spanId']),
        parentSpanId: span['parentSpanId'] ? String(span['parentSpanId']) : undefined,
        name: String(span['name']),
        attributes: Object.fromEntries(
          ((span['attributes'] as Array<{ key: string; value: Record<string, unknown> }>) ?? []).map((a) => [
            a.key,
            Object.values(a.value)[0],
          ]),
        ),
      })),
    ),
  );
}

/**
 * The outside world of this test on one loopback port (an OTLP/HTTP collector at `/v1/traces` too): `/api/<key>` (what the workflows call)
 * answers 500 while `failing` is set; `/alerts` (the failure webhook) records every call and
 * answers `alertStatus`.
 */
async function startOutsideWorld() {
  const state = { failing: true, alertStatus: 200, received: [] as Received[], traces: [] as OtlpSpan[] };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path === '/v1/traces') {
        state.traces.push(...spansOf(JSON.parse(Buffer.concat(chunks).toString())));
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
        return;
      }
      const status = path === '/alerts' ? state.alertStatus : state.failing ? 500 : 200;
      if (path === '/alerts')
        state.received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString() });
      res.writeHead(status, { 'content-type': 'application/json', connection: 'close' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    state,
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A local SMTP server that keeps every message it accepts. */
async function startSmtpServer() {
  const messages: ParsedMail[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((message) => {
          messages.push(message);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    messages,
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const callingGraph = (url: string) => ({
  nodes: [
    node('start', 'trigger.manual'),
    { ...node('call', 'http.request', { url }, 200), data: { inputs: { url }, retry: { maxAttempts: 1 } } },
  ],
  edges: [edge('start', 'call')],
});
const failingGraph = (error: string) => ({
  nodes: [node('start', 'trigger.manual'), node('stop', 'flow.fail', { error }, 200)],
  edges: [edge('start', 'stop')],
});

// Operations on the embedded tier, on one Baton: failure groups, bulk redrive, the
// signed on-failure webhook (once per failed execution, retried) and email, the stuck-run
// detector, the scheduler-lag metric and OTLP tracing through the real queue.
describe('operations: dead letters, alerts, scheduler lag and tracing (embedded tier)', () => {
  let environment: TierEnvironment;
  let baton: RunningBaton;
  let owner: TestApiClient;
  let outside: Awaited<ReturnType<typeof startOutsideWorld>>;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let calling: string;
  let failing: string;
  const failedIds: string[] = [];

  const execute = async (workflowId: string, body: Record<string, unknown> = {}) => {
    const response = await owner.post(`/api/workflows/${workflowId}/execute`, {
      input: {},
      mode: 'immediate',
      ...body,
    });
    expect(response.status).toBe(201);
    return response.body.executionId as string;
  };

  beforeAll(async () => {
    outside = await startOutsideWorld();
    smtp = await startSmtpServer();
    environment = await prepareTier('embedded');
    // Spans leave in batches; a short delay keeps the tracing check quick.
    process.env['OTEL_BSP_SCHEDULE_DELAY'] = '200';
    baton = await startInProcessBaton({ ...environment.env, OTEL_EXPORTER_OTLP_ENDPOINT: outside.baseUrl });
    owner = await setUpOwner(new TestApiClient(baton.url));
    const secret = await owner.post('/api/credentials', {
      name: 'Alert signing',
      kind: 'secret',
      values: { value: ALERT_SECRET },
    });
    expect(secret.status).toBe(201);
    const create = async (name: string, definition: unknown, settings: Record<string, unknown> = {}) => {
      const response = await owner.post('/api/workflows', { name, format: 'graph', definition, settings });
      expect(response.status).toBe(201);
      return response.body.id as string;
    };
    calling = await create('Calls the API', callingGraph(`${outside.baseUrl}/api/orders`), {
      onFailure: { webhook: { url: `${outside.baseUrl}/alerts`, secretCredentialId: secret.body.id } },
    });
    failing = await create('Always fails', failingGraph('DEAD_LETTER_TEST'));
    for (let i = 0; i < 3; i++) failedIds.push(await execute(calling));
    for (let i = 0; i < 2; i++) await execute(failing);
  }, 60_000);

  afterAll(async () => {
    await baton?.close();
    await environment?.cleanup();
    await outside?.close();
    await smtp?.close();
    delete process.env['OTEL_BSP_SCHEDULE_DELAY'];
  });

  it('groups GET /api/executions?status=failed by workflow and error, biggest group first', async () => {
    const response = await owner.get('/api/executions?status=failed');
    expect(response.status).toBe(200);
    expect(response.body.items).toHaveLength(5);
    expect(response.body.groups).toEqual([
      expect.objectContaining({ workflowId: calling, workflowName: 'Calls the API', error: 'HTTP_500', count: 3 }),
      expect.objectContaining({ workflowId: failing, error: 'DEAD_LETTER_TEST', count: 2 }),
    ]);
    const byError = await owner.get(`/api/executions?status=failed&groupBy=error&workflowId=${failing}`);
    expect(byError.body.groups).toEqual([
      expect.objectContaining({ workflowId: null, error: 'DEAD_LETTER_TEST', count: 2 }),
    ]);
    // Later pages repeat no counts.
    const first = await owner.get('/api/executions?status=failed&limit=2');
    expect(first.body.groups).toHaveLength(2);
    const next = await owner.get(`/api/executions?status=failed&limit=2&cursor=${first.body.nextCursor}`);
    expect(next.body.items).toHaveLength(2);
    expect(next.body.groups).toBeUndefined();
    // Other lists are not grouped unless asked.
    expect((await owner.get('/api/executions')).body.groups).toBeUndefined();
    const bad = await owner.get('/api/executions?groupBy=node');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.message)).toContain('groupBy');
  });

  it('sends one signed failure report per failed execution, and retries one that was refused', async () => {
    const reports = () => outside.state.received.map((call) => JSON.parse(call.body));
    await eventually(async () => reports().length >= 3);
    const call = outside.state.received[0];
    const check = verifyWebhookSignature(
      String(call.headers['x-baton-signature']),
      Buffer.from(call.body),
      ALERT_SECRET,
      new Date(),
      300,
    );
    expect(check.ok).toBe(true);
    expect(call.headers['x-baton-event']).toBe('execution.failed');
    expect(reports()[0]).toMatchObject({
      type: 'execution.failed',
      workflow: { id: calling, name: 'Calls the API' },
      execution: { error: 'HTTP_500' },
      attempt: 1,
    });
    expect(new Set(reports().map((report) => report.execution.id))).toEqual(new Set(failedIds));

    // The receiver is down for the next failure: it is retried (here: made due at once) until delivered.
    outside.state.alertStatus = 503;
    const refusedOnce = await execute(calling);
    await eventually(async () => reports().some((report) => report.execution.id === refusedOnce));
    outside.state.alertStatus = 200;
    const dataSource = baton.app.get(DataSource);
    await eventually(async () => {
      const [row] = await dataSource.query(
        `SELECT attempts, last_error FROM failure_notifications WHERE execution_id = $1`,
        [refusedOnce],
      );
      return row?.attempts === 1 && row.last_error !== null;
    });
    await dataSource.query(`UPDATE failure_notifications SET next_attempt_at = now() WHERE execution_id = $1`, [
      refusedOnce,
    ]);
    await baton.app.get(FailureNotifier).deliverDue();
    const forIt = reports().filter((report) => report.execution.id === refusedOnce);
    expect(forIt.map((report) => report.attempt)).toEqual([1, 2]);
    const [row] = await dataSource.query(`SELECT delivered_at FROM failure_notifications WHERE execution_id = $1`, [
      refusedOnce,
    ]);
    expect(row.delivered_at).not.toBeNull();
    // Delivered ones are never sent again.
    await baton.app.get(FailureNotifier).deliverDue();
    expect(reports()).toHaveLength(5);
    failedIds.push(refusedOnce);
  });

  it('refuses a malformed failure webhook setting naming the field', async () => {
    const response = await owner.put(`/api/workflows/${failing}`, {
      settings: { onFailure: { webhook: { url: 'ftp://x' } } },
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body.message)).toContain('settings.onFailure.webhook.url');
  });

  it('bulk-redrives the failed executions a filter matches and reports each result', async () => {
    const viewer = await addMember(owner, 'viewer', 'viewer@example.test');
    expect((await viewer.post('/api/executions/redrive', { filter: {} })).status).toBe(403);
    const bad = await owner.post('/api/executions/redrive', { filter: { workflowId: 'nope' } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.message)).toContain('filter.workflowId');

    outside.state.failing = false;
    const response = await owner.post('/api/executions/redrive', {
      filter: { workflowId: calling, error: 'HTTP_500' },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ matched: 4, redriven: 4, refused: 0 });
    expect(response.body.results.map((result: { executionId: string }) => result.executionId).sort()).toEqual(
      [...failedIds].sort(),
    );
    for (const id of failedIds) {
      await eventually(async () => (await owner.get(`/api/executions/${id}`)).body.status === 'completed');
    }
    // Nothing of that workflow is left to redrive; the other workflow's failures were not touched.
    const again = await owner.post('/api/executions/redrive', { filter: { workflowId: calling } });
    expect(again.body).toEqual({ matched: 0, redriven: 0, refused: 0, results: [] });
    expect((await owner.get('/api/executions?status=failed')).body.groups).toEqual([
      expect.objectContaining({ workflowId: failing, count: 2 }),
    ]);
  });

  it('lists stuck executions (over their expected duration, or with an expired lease) and counts them in /metrics', async () => {
    const slow = (
      await owner.post('/api/workflows', {
        name: 'Slow',
        format: 'graph',
        definition: delayedGraph(3600_000),
        settings: { expectedDurationSeconds: 1 },
      })
    ).body.id as string;
    const running = await execute(slow, { mode: 'queued' });
    const stuck = await eventually(async () => {
      const list = await owner.get('/api/executions/stuck');
      return list.body.items.find((item: { id: string }) => item.id === running);
    });
    expect(stuck).toMatchObject({
      workflowId: slow,
      status: 'running',
      expectedDurationSeconds: 1,
      reasons: ['over_expected_duration'],
      expiredLeaseSteps: [],
    });

    // A worker that died holding a step: its lease ran out long ago and nobody took it back.
    const dataSource = baton.app.get(DataSource);
    const parked = await owner.post('/api/workflows', {
      name: 'Parked',
      format: 'graph',
      definition: delayedGraph(3600_000),
    });
    const other = await execute(parked.body.id, { mode: 'queued' });
    // Parked first (its delay set), so the engine is done writing the step before the "crash" is staged.
    await eventually(async () => {
      const [step] = await dataSource.query(
        `SELECT wake_at FROM execution_steps WHERE execution_id = $1 AND step_id = 'wait' AND status = 'pending'`,
        [other],
      );
      return Boolean(step?.wake_at);
    });
    await dataSource.query(
      `UPDATE execution_steps SET status = 'running', lease_until = now() - interval '1 hour' WHERE execution_id = $1 AND step_id = 'wait'`,
      [other],
    );
    const list = await owner.get('/api/executions/stuck');
    expect(list.body.items.find((item: { id: string }) => item.id === other)).toMatchObject({
      reasons: ['lease_expired'],
      expiredLeaseSteps: ['wait'],
    });

    const scrape = parsePrometheusText(await (await fetch(`${baton.url}/metrics`)).text());
    expect(sampleValue(scrape, 'baton_stuck_executions', { reason: 'over_expected_duration' })).toBeGreaterThanOrEqual(
      1,
    );
    expect(sampleValue(scrape, 'baton_stuck_executions', { reason: 'lease_expired' })).toBeGreaterThanOrEqual(1);
    // The same step is a stalled job of the step queue.
    expect(sampleValue(scrape, 'baton_queue_jobs', { queue: 'baton-steps', state: 'stalled' })).toBeGreaterThanOrEqual(
      1,
    );
    // Four failed executions, each delivered once; the refused first attempt counts as retrying.
    expect(sampleValue(scrape, 'baton_failure_notifications_total', { channel: 'webhook', outcome: 'delivered' })).toBe(
      4,
    );
    expect(sampleValue(scrape, 'baton_failure_notifications_total', { channel: 'webhook', outcome: 'retrying' })).toBe(
      1,
    );
    expect(sampleValue(scrape, 'baton_executions_redriven_total', { outcome: 'redriven' })).toBe(4);
  });

  it('emails a failure through an smtp credential, once', async () => {
    const credential = await owner.post('/api/credentials', {
      name: 'Local mail',
      kind: 'smtp',
      values: { host: '127.0.0.1', port: smtp.port, secure: false },
    });
    expect(credential.status).toBe(201);
    const mailing = await owner.post('/api/workflows', {
      name: 'Mails on failure',
      format: 'graph',
      definition: failingGraph('MAILED_FAILURE'),
      settings: {
        onFailure: {
          email: { credentialId: credential.body.id, from: 'baton@example.test', to: ['oncall@example.test'] },
        },
      },
    });
    const executionId = await execute(mailing.body.id);
    await eventually(async () => smtp.messages.length >= 1);
    const [message] = smtp.messages;
    expect(message.subject).toBe('[Baton] Mails on failure failed: MAILED_FAILURE');
    expect(message.text).toContain(executionId);
    expect(message.messageId).toBe(`<failure-${executionId}@baton>`);
    await baton.app.get(FailureNotifier).deliverDue();
    expect(smtp.messages).toHaveLength(1);
  });

  it('records the scheduler lag of a cron or one-time trigger (due vs started)', async () => {
    const workflow = await owner.post('/api/workflows', {
      name: 'Scheduled',
      format: 'graph',
      status: 'active',
      definition: doublingGraph(),
    });
    const trigger = await createTrigger(owner, workflow.body.id, {
      type: 'once',
      at: new Date(Date.now() + 3600_000).toISOString(),
    });
    // Due 20 s ago, as if the scheduler had been busy: still on time, so it runs now, 20 s late.
    await setNextRunAt(baton, trigger.id, new Date(Date.now() - 20_000).toISOString());
    await schedulerOf(baton).tick(new Date());
    const scrape = parsePrometheusText(await (await fetch(`${baton.url}/metrics`)).text());
    expect(sampleValue(scrape, 'baton_scheduler_lag_seconds_count', { trigger_type: 'once' })).toBe(1);
    expect(sampleValue(scrape, 'baton_scheduler_lag_seconds_sum', { trigger_type: 'once' })).toBeGreaterThanOrEqual(20);
  });

  it('exports one trace per execution over OTLP/HTTP, linked across the queue', async () => {
    const workflow = await owner.post('/api/workflows', {
      name: 'Traced',
      format: 'graph',
      definition: doublingGraph(),
    });
    const executionId = await execute(workflow.body.id, { mode: 'queued' });
    const traceId = executionId.replace(/-/g, '');
    const spans = await eventually(async () => {
      const ofRun = outside.state.traces.filter((span) => span.traceId === traceId);
      return ofRun.filter((span) => span.name === 'step.attempt').length >= 3 ? ofRun : undefined;
    });
    const start = spans.find((span) => span.name === 'execution.start')!;
    expect(start.attributes).toMatchObject({ 'baton.execution.id': executionId, 'baton.execution.mode': 'queued' });
    const attempts = spans.filter((span) => span.name === 'step.attempt');
    const byStep = new Map(attempts.map((span) => [span.attributes['baton.step.id'], span]));
    expect(byStep.get('start')?.attributes).toMatchObject({
      'baton.node.type': 'trigger.manual',
      'baton.step.outcome': 'completed',
    });
    expect(byStep.get('double')?.attributes).toMatchObject({
      'baton.node.type': 'data.transform',
      'baton.step.attempt': 1,
    });
    // Each queued step is the child of the span that planned its job, through BullMQ's job data.
    expect(byStep.get('start')?.parentSpanId).toBe(start.spanId);
    expect(byStep.get('double')?.parentSpanId).toBe(byStep.get('start')?.spanId);
    expect(byStep.get('log')?.parentSpanId).toBe(byStep.get('double')?.spanId);
  });
});
