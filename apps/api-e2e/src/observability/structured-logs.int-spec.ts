import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { networkInterfaces } from 'node:os';
import { startBaton, type RunningBaton } from '../../../api/src/bootstrap/start-baton';
import { loadConfig } from '../../../api/src/config/load-config';
import { eventually, TestApiClient } from '../support/api-client';
import { doublingGraph } from '../support/graphs';
import { setUpOwner } from '../support/identities';
import { prepareTier, type TierEnvironment } from '../support/test-tiers';

// Marks the run's input: no log line may carry it (logs never hold payloads).
const PAYLOAD_MARKER = 'payload-marker-7f3a9c';

/** A non-loopback IPv4 address of this machine, if it has one. */
const outsideAddress = Object.values(networkInterfaces())
  .flat()
  .find((entry) => entry && entry.family === 'IPv4' && !entry.internal)?.address;

// The whole app on the embedded tier writing JSON logs into a stream the test reads, with no
// metrics token (so /metrics is loopback-only) and listening on every interface.
describe('JSON logs and loopback-only metrics on the embedded tier', () => {
  let environment: TierEnvironment;
  let baton: RunningBaton;
  let owner: TestApiClient;
  let workflowId: string;
  const written: string[] = [];
  const lines = () => written.join('').split('\n').filter(Boolean);

  beforeAll(async () => {
    environment = await prepareTier('embedded');
    const config = loadConfig({
      ...environment.env,
      HOST: '0.0.0.0',
      BATON_LOG_FORMAT: 'json',
      BATON_LOG_LEVEL: 'log',
    });
    baton = await startBaton(config, { logDestination: { write: (chunk: string) => void written.push(chunk) } });
    owner = await setUpOwner(new TestApiClient(baton.url));
    workflowId = (await owner.post('/api/workflows', { name: 'Doubler', format: 'graph', definition: doublingGraph() }))
      .body.id;
  });

  afterAll(async () => {
    await baton?.close();
    await environment?.cleanup();
  });

  it('writes every line as one JSON object with level, time, context and message', () => {
    const parsed = lines().map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(parsed.length).toBeGreaterThan(0);
    for (const entry of parsed) {
      expect(entry).toEqual(
        expect.objectContaining({ level: expect.any(String), time: expect.any(String), msg: expect.any(String) }),
      );
    }
    expect(parsed).toContainEqual(
      expect.objectContaining({
        level: 'info',
        context: 'Baton',
        role: 'all',
        msg: expect.stringContaining('ready on'),
      }),
    );
  });

  it('puts execution id, step id and attempt on engine lines and leaves the payload out', async () => {
    const immediate = await owner.post(`/api/workflows/${workflowId}/execute`, {
      input: { value: 21, note: PAYLOAD_MARKER },
      mode: 'immediate',
    });
    expect(immediate.body.status).toBe('completed');
    const queued = await owner.post(`/api/workflows/${workflowId}/execute`, {
      input: { value: 2, note: PAYLOAD_MARKER },
      mode: 'queued',
    });
    for (const executionId of [immediate.body.executionId, queued.body.executionId]) {
      const line = await eventually(async () =>
        lines()
          .map((text) => JSON.parse(text) as Record<string, unknown>)
          .find((entry) => entry['executionId'] === executionId && entry['msg'] === 'doubled'),
      );
      expect(line).toEqual(
        expect.objectContaining({ level: 'info', context: 'Engine', executionId, stepId: 'log', attempt: 1 }),
      );
      expect(line).not.toHaveProperty('data');
    }
    expect(written.join('')).not.toContain(PAYLOAD_MARKER);
  });

  it('lets loopback clients scrape /metrics without a token', async () => {
    const response = await fetch(`${baton.url}/metrics`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('baton_executions_started_total');
  });

  (outsideAddress ? it : it.skip)('refuses /metrics to a client on another address', async () => {
    const port = new URL(baton.url).port;
    const response = await fetch(`http://${outsideAddress}:${port}/metrics`, {
      headers: { 'x-forwarded-for': '127.0.0.1' },
    });
    expect(response.status).toBe(403);
    // The API itself still answers there: only /metrics is loopback-only.
    expect((await fetch(`http://${outsideAddress}:${port}/api/health`)).status).toBe(200);
  });
});
