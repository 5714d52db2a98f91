import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chromium, type Browser } from 'playwright-core';
import { io } from 'socket.io-client';
import type { RunningBaton } from '../../../api/src/bootstrap/start-baton';
import { eventually, TestApiClient } from '../support/api-client';
import { doublingGraph } from '../support/graphs';
import { startInProcessBaton } from '../support/in-process-baton';
import { prepareTier, type TierEnvironment } from '../support/test-tiers';
import { LiveClient, type WireEvent } from './live-client';

const CHROMIUM_PATH = process.env['BATON_CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const TERMINAL = ['completed', 'failed', 'cancelled'];

/**
 * The clients the design documents describe, unchanged but for the URL and the credentials:
 * seed 003's socket.io client listening for `step_completed` & co, and seed 004's browser
 * `EventSource`, here in Debian's Chromium with a stream token (it cannot send a header).
 */
describe('seed clients: named socket.io events and an EventSource with a stream token', () => {
  let environment: TierEnvironment;
  let baton: RunningBaton;
  let token: string;
  let owner: TestApiClient;
  let workflowId: string;
  let browser: Browser | undefined;

  const run = async (): Promise<string> => {
    const started = await owner.post(`/api/workflows/${workflowId}/execute`, { input: { value: 2 }, mode: 'queued' });
    expect(started.status).toBe(201);
    return started.body.executionId;
  };
  const untilDone = (executionId: string) =>
    eventually(async () => {
      const execution = await owner.get(`/api/executions/${executionId}`);
      return TERMINAL.includes(execution.body.status) ? execution.body : undefined;
    });

  beforeAll(async () => {
    environment = await prepareTier('embedded');
    baton = await startInProcessBaton(environment.env);
    const setup = await new TestApiClient(baton.url).post('/api/auth/setup', {
      email: 'seed-clients@example.test',
      password: 'correct horse',
      name: 'Owner',
      workspaceName: 'Seeds',
    });
    token = setup.body.accessToken;
    owner = new TestApiClient(baton.url).withToken(token);
    workflowId = (await owner.post('/api/workflows', { name: 'Doubler', format: 'graph', definition: doublingGraph() }))
      .body.id;
  });

  afterAll(async () => {
    await browser?.close();
    await baton?.close();
    await environment?.cleanup();
  });

  it("emits each event under its own name to a client that subscribes with named: true, with execution.event's payload", async () => {
    const executionId = await run();
    await untilDone(executionId);
    const named = await LiveClient.connect(baton.url, token);
    const plain = await LiveClient.connect(baton.url, token);
    try {
      // Seed 003's listeners, one per event name.
      const heard: Array<[string, WireEvent]> = [];
      for (const name of ['started', 'step_started', 'step_completed', 'step_failed', 'completed', 'failed'])
        named.socket.on(name, (event: WireEvent) => heard.push([name, event]));
      let plainNamed = 0;
      plain.socket.on('step_completed', () => plainNamed++);
      expect(await named.subscribe({ executionId, afterSequence: 0, named: true })).toMatchObject({ ok: true });
      expect(await plain.subscribe({ executionId, afterSequence: 0 })).toMatchObject({ ok: true });
      const all = await named.untilTerminal(executionId);
      await plain.untilTerminal(executionId);
      await eventually(async () => heard.some(([name]) => name === 'completed'));
      expect(heard.map(([name]) => name)).toEqual(['started', ...all.slice(1, -1).map((e) => e.type), 'completed']);
      expect(heard.filter(([name]) => name === 'step_completed')).toHaveLength(3);
      // The same payload as execution.event, timestamp included (seed 003: "All events include a timestamp").
      expect(heard.map(([, event]) => event)).toEqual(all);
      expect(heard.every(([name, event]) => event.type === name && typeof event.timestamp === 'string')).toBe(true);
      expect(plainNamed).toBe(0);
      expect(await named.subscribe({ executionId, named: 'yes' })).toMatchObject({
        ok: false,
        error: 'VALIDATION_FAILED',
        message: expect.stringContaining('named'),
      });
    } finally {
      named.close();
      plain.close();
    }
  });

  it("names the events of seed 003's bare subscribe(executionId) when the handshake asks for named events", async () => {
    const socket = io(baton.url, { auth: { token, named: true }, transports: ['websocket'], forceNew: true });
    try {
      await new Promise<void>((resolve, reject) =>
        socket.once('connect', () => resolve()).once('connect_error', reject),
      );
      const completedSteps: string[] = [];
      let ended = false;
      socket.on('step_completed', (event: WireEvent) => completedSteps.push(event.stepId ?? ''));
      socket.on('completed', () => (ended = true));
      const executionId = await run();
      await socket.timeout(10_000).emitWithAck('subscribe', executionId);
      await untilDone(executionId);
      // Subscribed after the start: ask for the rest, as the seed's client would on reconnect.
      await socket.timeout(10_000).emitWithAck('subscribe', { executionId, afterSequence: 0 });
      await eventually(async () => ended);
      expect([...new Set(completedSteps)].sort()).toEqual(['double', 'log', 'start']);
    } finally {
      socket.close();
    }
  });

  it('issues a short-lived stream token that opens only that execution stream and is no login token', async () => {
    const executionId = await run();
    const other = await run();
    const issued = await owner.post(`/api/executions/${executionId}/stream-token`);
    expect(issued.status).toBe(201);
    expect(issued.body).toEqual({
      token: expect.stringMatching(/^bst1\./),
      expiresAt: expect.any(String),
      streamUrl: `/api/executions/${executionId}/stream?token=${encodeURIComponent(issued.body.token)}`,
    });
    const lifetime = Date.parse(issued.body.expiresAt) - Date.now();
    expect(lifetime).toBeGreaterThan(0);
    expect(lifetime).toBeLessThanOrEqual(120_000);
    const anonymous = new TestApiClient(baton.url);
    expect((await anonymous.post(`/api/executions/${executionId}/stream-token`)).status).toBe(401);
    expect((await owner.post('/api/executions/00000000-0000-4000-8000-000000000000/stream-token')).status).toBe(404);
    // Not a sign-in token, not for another execution, not forgeable.
    const asBearer = anonymous.withToken(issued.body.token);
    expect((await asBearer.get(`/api/executions/${executionId}`)).status).toBe(401);
    expect((await asBearer.get(`/api/executions/${executionId}/stream`)).status).toBe(401);
    const wrongExecution = await fetch(`${baton.url}/api/executions/${other}/stream?token=${issued.body.token}`);
    expect(wrongExecution.status).toBe(401);
    const forged = `${issued.body.token.slice(0, -4)}AAAA`;
    expect((await fetch(`${baton.url}/api/executions/${executionId}/stream?token=${forged}`)).status).toBe(401);
    expect((await fetch(`${baton.url}/api/executions/${executionId}/stream`)).status).toBe(401);
    await untilDone(executionId);
    await untilDone(other);
  });

  it("lets a browser EventSource (seed 004's client) receive a run's events with a stream token", async () => {
    const executionId = await run();
    const { streamUrl } = (await owner.post(`/api/executions/${executionId}/stream-token`)).body as {
      streamUrl: string;
    };
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    const page = await browser.newPage();
    await page.goto(`${baton.url}/api/health`);
    const received = await page.evaluate(
      (url) =>
        new Promise<Array<{ id: string; type: string }>>((resolve, reject) => {
          const got: Array<{ id: string; type: string }> = [];
          const eventSource = new EventSource(url);
          eventSource.onmessage = (message) => {
            const data = JSON.parse(message.data) as { type: string };
            got.push({ id: message.lastEventId, type: data.type });
            if (['completed', 'failed', 'cancelled'].includes(data.type)) {
              eventSource.close();
              resolve(got);
            }
          };
          eventSource.onerror = () => {
            eventSource.close();
            reject(new Error(`EventSource failed after ${got.length} events`));
          };
          setTimeout(() => reject(new Error(`no terminal event after ${got.length} events`)), 20_000);
        }),
      streamUrl,
    );
    const journal = (await owner.get(`/api/executions/${executionId}/logs`)).body as Array<{
      sequence: number;
      type: string;
    }>;
    expect(received).toEqual(journal.map((e) => ({ id: String(e.sequence), type: e.type })));
    expect(received.at(-1)?.type).toBe('completed');
  }, 60_000);
});
