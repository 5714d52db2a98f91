import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RunningBaton } from '../../../api/src/bootstrap/start-baton';
import { eventually, TestApiClient } from '../support/api-client';
import { LiveClient } from '../live-events/live-client';
import { startInProcessBaton } from '../support/in-process-baton';
import { prepareTier, type TierEnvironment } from '../support/test-tiers';
import { startStubHttpServer, type StubHttpServer } from '../scenarios/stub-http-server';
import { parsePrometheusText, sampleValue, type PrometheusScrape } from './parse-prometheus-text';

const TOKEN = 'scrape-token-for-the-metrics-test';

const node = (id: string, type: string, data: Record<string, unknown> = {}) => ({
  id,
  type,
  position: { x: 0, y: 0 },
  data: { inputs: {}, ...data },
});
const edge = (source: string, target: string) => ({ id: `${source}-${target}`, source, target });

// The whole app (role all) on the embedded tier with a metrics token: runs that complete after a
// retry and runs that fail are counted with their labels, and the scrape parses strictly.
describe('GET /metrics on the embedded tier', () => {
  let environment: TierEnvironment;
  let baton: RunningBaton;
  let owner: TestApiClient;
  let ownerToken: string;
  let stub: StubHttpServer;
  let retryingWorkflow: string;
  let failingWorkflow: string;

  const scrape = async (): Promise<PrometheusScrape> => {
    const response = await fetch(`${baton.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    // Behind the same hardening headers as every other response.
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    return parsePrometheusText(await response.text());
  };

  beforeAll(async () => {
    stub = await startStubHttpServer();
    environment = await prepareTier('embedded');
    baton = await startInProcessBaton({ ...environment.env, BATON_METRICS_TOKEN: TOKEN });
    const setup = await new TestApiClient(baton.url).post('/api/auth/setup', {
      email: 'owner@example.test',
      password: 'correct horse',
      name: 'Owner',
      workspaceName: 'Metrics',
    });
    ownerToken = setup.body.accessToken;
    owner = new TestApiClient(baton.url).withToken(ownerToken);
    const create = async (name: string, definition: unknown) =>
      (await owner.post('/api/workflows', { name, format: 'graph', definition })).body.id as string;
    retryingWorkflow = await create('Flaky call', {
      nodes: [
        node('start', 'trigger.manual'),
        node('call', 'http.request', {
          inputs: { url: `${stub.baseUrl}/flaky/{{ key }}?fail=1` },
          retry: { maxAttempts: 2, initialIntervalMs: 10 },
        }),
        node('log', 'util.log', { inputs: { message: 'called' } }),
      ],
      edges: [edge('start', 'call'), edge('call', 'log')],
    });
    failingWorkflow = await create('Always fails', {
      nodes: [node('start', 'trigger.manual'), node('stop', 'flow.fail', { inputs: { error: 'METRICS_TEST_FAILED' } })],
      edges: [edge('start', 'stop')],
    });
  });

  afterAll(async () => {
    await baton?.close();
    await environment?.cleanup();
    await stub?.close();
  });

  it('refuses a scrape without the token or with a wrong one', async () => {
    const anonymous = await fetch(`${baton.url}/metrics`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
    const wrong = await fetch(`${baton.url}/metrics`, {
      headers: { authorization: 'Bearer wrong-token-of-some-length' },
    });
    expect(wrong.status).toBe(401);
    // Outside /api: the session guard and the OpenAPI document know nothing of it.
    const docs = await new TestApiClient(baton.url).get('/api/docs-json');
    expect(Object.keys(docs.body.paths)).not.toContain('/metrics');
  });

  it('counts executions, step attempts, retries and failures with bounded labels', async () => {
    const before = await scrape();
    const ran = await owner.post(`/api/workflows/${retryingWorkflow}/execute`, {
      input: { key: 'metrics' },
      mode: 'queued',
    });
    expect(ran.status).toBe(201);
    await eventually(
      async () => (await owner.get(`/api/executions/${ran.body.executionId}`)).body.status === 'completed',
    );
    const failed = await owner.post(`/api/workflows/${failingWorkflow}/execute`, { input: {}, mode: 'immediate' });
    expect(failed.body).toMatchObject({ status: 'failed', error: 'METRICS_TEST_FAILED' });

    // Counted off the engine's path: poll until the last events' labels were read.
    const after = await eventually(async () => {
      const current = await scrape();
      return sampleValue(current, 'baton_executions_ended_total', { workflow: failingWorkflow }) >= 1 &&
        sampleValue(current, 'baton_executions_ended_total', { workflow: retryingWorkflow }) >= 1
        ? current
        : undefined;
    });
    const moved = (name: string, labels: Record<string, string>) =>
      sampleValue(after, name, labels) - sampleValue(before, name, labels);
    const queued = { workflow: retryingWorkflow, mode: 'queued', durability: 'standard' };
    expect(moved('baton_executions_started_total', queued)).toBe(1);
    expect(moved('baton_executions_ended_total', { ...queued, status: 'completed' })).toBe(1);
    expect(
      moved('baton_executions_ended_total', {
        workflow: failingWorkflow,
        mode: 'immediate',
        // Immediate runs may be express ones; the label says what the execution record says.
        durability: failed.body.durability ?? 'standard',
        status: 'failed',
      }),
    ).toBe(1);
    // The flaky call: attempt 1 fails (HTTP 500) and is retried, attempt 2 completes.
    expect(moved('baton_step_attempts_total', { node_type: 'http.request' })).toBe(2);
    expect(moved('baton_step_retries_total', { node_type: 'http.request' })).toBe(1);
    const retry = after.samples.find((s) => s.name === 'baton_step_retries_total');
    expect(retry?.labels['error']).toMatch(/^[A-Z][A-Z0-9_.]+$/);
    expect(moved('baton_step_duration_seconds_count', { node_type: 'http.request', outcome: 'retrying' })).toBe(1);
    expect(moved('baton_step_duration_seconds_count', { node_type: 'http.request', outcome: 'completed' })).toBe(1);
    expect(moved('baton_step_duration_seconds_count', { node_type: 'util.log', outcome: 'completed' })).toBe(1);
    expect(moved('baton_step_failures_total', { node_type: 'flow.fail', error: 'METRICS_TEST_FAILED' })).toBe(1);
    // No label anywhere carries an execution id.
    for (const sample of after.samples) {
      expect(Object.values(sample.labels)).not.toContain(ran.body.executionId);
      expect(Object.values(sample.labels)).not.toContain(failed.body.executionId);
    }
  });

  it('reports queue depth, request durations by route pattern, webhooks by status, pool usage and process metrics', async () => {
    const unknownHook = await fetch(`${baton.url}/api/hooks/no-such-webhook-token`, { method: 'POST' });
    expect(unknownHook.status).toBe(404);
    const listed = await owner.get(`/api/workflows/${retryingWorkflow}`);
    expect(listed.status).toBe(200);
    const current = await scrape();
    expect(current.types.get('baton_queue_jobs')).toBe('gauge');
    for (const state of ['waiting', 'active', 'delayed']) {
      expect(current.samples).toContainEqual(
        expect.objectContaining({ name: 'baton_queue_jobs', labels: { queue: 'baton-steps', state } }),
      );
    }
    expect(sampleValue(current, 'baton_webhook_requests_total', { status: '404' })).toBeGreaterThanOrEqual(1);
    expect(
      sampleValue(current, 'baton_http_request_duration_seconds_count', {
        method: 'GET',
        route: '/api/workflows/:id',
        status: '200',
      }),
    ).toBeGreaterThanOrEqual(1);
    const routes = new Set(
      current.samples
        .filter((s) => s.name === 'baton_http_request_duration_seconds_count')
        .map((s) => s.labels['route']),
    );
    expect([...routes].some((route) => route?.includes(retryingWorkflow))).toBe(false);
    expect(sampleValue(current, 'baton_socket_clients')).toBe(0);
    const live = await LiveClient.connect(baton.url, ownerToken);
    try {
      expect(sampleValue(await scrape(), 'baton_socket_clients')).toBe(1);
    } finally {
      live.socket.close();
    }
    await eventually(async () => sampleValue(await scrape(), 'baton_socket_clients') === 0);
    expect(current.samples).toContainEqual(
      expect.objectContaining({
        name: 'baton_process_info',
        labels: { role: 'all', tier: '1', queue_backend: 'postgres' },
        value: 1,
      }),
    );
    // The app-data pool (BATON_DB_POOL_SIZE, default 10) answered this suite's queries.
    expect(sampleValue(current, 'baton_db_pool_max')).toBe(10);
    expect(sampleValue(current, 'baton_db_pool_connections')).toBeGreaterThanOrEqual(1);
    expect(sampleValue(current, 'baton_db_pool_connections')).toBeLessThanOrEqual(10);
    expect(current.samples).toContainEqual(expect.objectContaining({ name: 'baton_db_pool_waiting' }));
    expect(current.types.get('nodejs_eventloop_lag_seconds')).toBe('gauge');
    expect(current.types.get('process_cpu_seconds_total')).toBe('counter');
    // Metric names follow the conventions: Baton's own carry the prefix, counters end in _total.
    for (const [name, type] of current.types) {
      if (!name.startsWith('baton_')) continue;
      if (type === 'counter') expect(name).toMatch(/_total$/);
      if (type === 'histogram') expect(name).toMatch(/_seconds$/);
    }
  });
});
