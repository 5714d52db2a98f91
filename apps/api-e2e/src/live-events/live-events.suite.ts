import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { RunningBaton } from '../../../api/src/bootstrap/start-baton';
import { eventually, TestApiClient } from '../support/api-client';
import { delayedGraph, doublingGraph } from '../support/graphs';
import { startInProcessBaton } from '../support/in-process-baton';
import { prepareTier, type TierEnvironment, type TierName } from '../support/test-tiers';
import { labels, LiveClient, sequences, type WireEvent } from './live-client';
import { readSse } from './read-sse';

const OWNER = { email: 'live-owner@example.test', password: 'correct horse' };

/** Gateway and SSE against an in-process Baton on one tier. */
export function describeLiveEvents(tier: TierName): void {
  describe(`live events on the ${tier} tier`, () => {
    let environment: TierEnvironment;
    let baton: RunningBaton;
    let token: string;
    let owner: TestApiClient;
    let doubler: string;
    let delayer: string;
    const clients: LiveClient[] = [];

    const connect = async (credential: string | undefined) => {
      const client = await LiveClient.connect(baton.url, credential);
      clients.push(client);
      return client;
    };
    const start = async (workflowId: string, input: unknown = { value: 2 }): Promise<string> => {
      const started = await owner.post(`/api/workflows/${workflowId}/execute`, { input, mode: 'queued' });
      expect(started.status).toBe(201);
      return started.body.executionId;
    };
    /** The journal's view, the reference every live stream must equal. */
    const journal = async (executionId: string): Promise<Array<{ sequence: number; type: string }>> =>
      (await owner.get(`/api/executions/${executionId}/logs`)).body;
    const asJournal = (events: Pick<WireEvent, 'sequence' | 'type'>[]) =>
      events.map((e) => ({ sequence: e.sequence, type: e.type }));

    beforeAll(async () => {
      environment = await prepareTier(tier);
      baton = await startInProcessBaton(environment.env);
      const setup = await new TestApiClient(baton.url).post('/api/auth/setup', {
        ...OWNER,
        name: 'Owner',
        workspaceName: 'Workspace A',
      });
      token = setup.body.accessToken;
      owner = new TestApiClient(baton.url).withToken(token);
      doubler = (await owner.post('/api/workflows', { name: 'Doubler', format: 'graph', definition: doublingGraph() }))
        .body.id;
      delayer = (
        await owner.post('/api/workflows', { name: 'Delayer', format: 'graph', definition: delayedGraph(1_500) })
      ).body.id;
    });

    afterEach(() => {
      for (const client of clients.splice(0)) client.close();
    });

    afterAll(async () => {
      await baton?.close();
      await environment?.cleanup();
    });

    it('refuses a socket without valid credentials, and accepts a bearer token or an API key', async () => {
      await expect(LiveClient.connect(baton.url, undefined)).rejects.toMatchObject({
        message: expect.stringContaining('Authentication required'),
        data: { code: 'UNAUTHENTICATED' },
      });
      await expect(LiveClient.connect(baton.url, 'not-a-token')).rejects.toMatchObject({
        data: { code: 'UNAUTHENTICATED' },
      });
      await expect(LiveClient.connect(baton.url, 'bk_revoked_or_unknown')).rejects.toMatchObject({
        message: 'Invalid or revoked API key',
      });
      expect((await connect(token)).socket.connected).toBe(true);
      expect((await connect(`Bearer ${token}`)).socket.connected).toBe(true);
      const key = await owner.post('/api/api-keys', { name: 'live', role: 'viewer' });
      const viaKey = await connect(key.body.key);
      expect(await viaKey.subscribe({ workspace: true })).toMatchObject({ ok: true });
    });

    it("delivers a multi-step execution's events once each, in sequence order, to workspace, workflow and execution subscribers", async () => {
      const workspace = await connect(token);
      const workflow = await connect(token);
      const both = await connect(token);
      expect(await workspace.subscribe({ workspace: true })).toEqual({
        ok: true,
        room: expect.stringMatching(/^workspace:[0-9a-f-]+$/),
      });
      expect(await workflow.subscribe({ workflowId: doubler })).toMatchObject({ ok: true });
      expect(await both.subscribe({ workspace: true })).toMatchObject({ ok: true });
      expect(await both.subscribe({ workflowId: doubler })).toMatchObject({ ok: true });

      const executionId = await start(doubler, { value: 21 });
      const seen = await workspace.untilTerminal(executionId);
      expect(labels(seen)).toEqual([
        'started',
        'step_started:start',
        'step_completed:start',
        'step_started:double',
        'step_completed:double',
        'step_started:log',
        'step_completed:log',
        'completed',
      ]);
      expect(sequences(seen)).toEqual(seen.map((_, i) => i + 1));
      expect(asJournal(seen)).toEqual(asJournal(await journal(executionId)));
      const [workspaceId] = new Set(seen.map((e) => e.workspaceId));
      expect(seen.every((e) => e.workflowId === doubler && typeof e.timestamp === 'string')).toBe(true);
      expect(seen.at(-1)).toMatchObject({ type: 'completed', data: { output: { doubled: 42 } }, workspaceId });
      // A socket in two matching rooms still gets each event once.
      expect(asJournal(await workflow.untilTerminal(executionId))).toEqual(asJournal(seen));
      expect(asJournal(await both.untilTerminal(executionId))).toEqual(asJournal(seen));

      // After unsubscribing, nothing more arrives.
      expect(await workflow.unsubscribe({ workflowId: doubler })).toMatchObject({ ok: true });
      const next = await start(doubler);
      await workspace.untilTerminal(next);
      expect(workflow.of(next)).toEqual([]);
    });

    it("delivers an express run's events live, although its rows are written only when it ends", async () => {
      const workflow = await connect(token);
      expect(await workflow.subscribe({ workflowId: doubler })).toMatchObject({ ok: true });
      const started = await owner.post(`/api/workflows/${doubler}/execute`, { input: { value: 4 }, mode: 'immediate' });
      expect(started.body).toMatchObject({ status: 'completed', durability: 'express' });
      const seen = await workflow.untilTerminal(started.body.executionId);
      expect(labels(seen)).toEqual([
        'started',
        'step_started:start',
        'step_completed:start',
        'step_started:double',
        'step_completed:double',
        'step_started:log',
        'step_completed:log',
        'completed',
      ]);
      expect(asJournal(seen)).toEqual(asJournal(await journal(started.body.executionId)));
    });

    it('catches a reconnecting client up from its last sequence: no gaps, no duplicates, then live', async () => {
      const executionId = await start(delayer);
      const first = await connect(token);
      expect(await first.subscribe({ executionId, afterSequence: 0 })).toMatchObject({ ok: true });
      // Drop the connection while the run is parked before its delay step.
      await eventually(async () =>
        first.of(executionId).some((e) => e.type === 'step_completed' && e.stepId === 'start'),
      );
      first.close();
      const before = first.of(executionId);
      const last = before.at(-1)!.sequence;

      const again = await connect(token);
      const ack = await again.subscribe({ executionId, afterSequence: last });
      expect(ack).toMatchObject({ ok: true });
      const after = await again.untilTerminal(executionId);
      const combined = [...before, ...after];
      expect(sequences(combined)).toEqual(combined.map((_, i) => i + 1));
      expect(asJournal(combined)).toEqual(asJournal(await journal(executionId)));

      // A late subscriber asking for the whole history of a finished run gets exactly the journal.
      const late = await connect(token);
      expect(await late.subscribe({ executionId, afterSequence: 0 })).toEqual({
        ok: true,
        room: expect.any(String),
        replayed: combined.length,
      });
      expect(asJournal(late.of(executionId))).toEqual(asJournal(combined));
    });

    it('replays while live events keep arriving, merging both without gaps or duplicates', async () => {
      const client = await connect(token);
      const executionIds: string[] = [];
      for (let i = 0; i < 3; i++) {
        const executionId = await start(doubler);
        executionIds.push(executionId);
        // Subscribing right after the start races the replay against the running execution.
        expect(await client.subscribe({ executionId, afterSequence: 0 })).toMatchObject({ ok: true });
      }
      for (const executionId of executionIds) {
        const events = await client.untilTerminal(executionId).catch(async (error: Error) => {
          throw new Error(
            `${error.message}; status ${(await owner.get(`/api/executions/${executionId}`)).body.status}, journal ${JSON.stringify(asJournal(await journal(executionId)))}`,
          );
        });
        expect(asJournal(events)).toEqual(asJournal(await journal(executionId)));
      }
    });

    it("keeps workspaces apart: another workspace's client receives nothing and cannot subscribe to its runs", async () => {
      const workspaceB = await owner.post('/api/workspaces', { name: 'Workspace B' });
      const login = await new TestApiClient(baton.url).post('/api/auth/login', {
        ...OWNER,
        workspaceId: workspaceB.body.id,
      });
      const outsider = await connect(login.body.accessToken);
      expect(await outsider.subscribe({ workspace: true })).toMatchObject({ ok: true });

      const watcher = await connect(token);
      expect(await watcher.subscribe({ workspace: true })).toMatchObject({ ok: true });
      const executionId = await start(delayer);
      expect(await outsider.subscribe({ executionId, afterSequence: 0 })).toEqual({
        ok: false,
        error: 'NOT_FOUND',
        message: `Execution ${executionId} was not found`,
      });
      expect(await outsider.subscribe({ workflowId: delayer })).toMatchObject({ ok: false, error: 'NOT_FOUND' });
      expect(await outsider.subscribe(executionId)).toMatchObject({ ok: false, error: 'NOT_FOUND' });
      await watcher.untilTerminal(executionId);
      expect(outsider.events).toEqual([]);
    });

    it('refuses malformed subscriptions with a message naming the field', async () => {
      const client = await connect(token);
      expect(await client.subscribe({ executionId: 'nope' })).toEqual({
        ok: false,
        error: 'VALIDATION_FAILED',
        message: 'executionId must be a UUID',
      });
      expect(await client.subscribe({ workflowId: doubler, afterSequence: 1 })).toMatchObject({
        ok: false,
        message: expect.stringContaining('afterSequence'),
      });
      expect(await client.subscribe({ executionId: doubler, afterSequence: -1 })).toMatchObject({
        ok: false,
        message: 'afterSequence must be an integer >= 0',
      });
      expect(await client.subscribe({})).toMatchObject({ ok: false, error: 'VALIDATION_FAILED' });
      expect(await client.subscribe(42)).toMatchObject({ ok: false, error: 'VALIDATION_FAILED' });
    });

    it('serves the same events as Server-Sent Events: replay, then live, resumable with Last-Event-ID, ending after the terminal event', async () => {
      const executionId = await start(delayer);
      const url = `${baton.url}/api/executions/${executionId}/stream`;
      const auth = { authorization: `Bearer ${token}` };
      const live = await readSse(url, auth);
      expect(live.status).toBe(200);
      expect(live.contentType).toContain('text/event-stream');
      expect(live.ended).toBe(true);
      const events = live.messages.map((m) => JSON.parse(m.data) as WireEvent);
      expect(live.messages.map((m) => Number(m.id))).toEqual(sequences(events));
      expect(asJournal(events)).toEqual(asJournal(await journal(executionId)));
      expect(events.at(-1)!.type).toBe('completed');

      const resumed = await readSse(url, { ...auth, 'last-event-id': '3' });
      expect(resumed.ended).toBe(true);
      expect(resumed.messages.map((m) => Number(m.id))).toEqual(sequences(events).slice(3));
      const afterEnd = await readSse(`${url}?afterSequence=${events.length}`, auth);
      expect(afterEnd).toMatchObject({ status: 200, ended: true, messages: [] });

      expect((await readSse(url, {})).status).toBe(401);
      expect((await readSse(url, { ...auth, 'last-event-id': 'x' })).status).toBe(400);
      expect(
        (await readSse(`${baton.url}/api/executions/00000000-0000-4000-8000-000000000000/stream`, auth)).status,
      ).toBe(404);
      const docs = await new TestApiClient(baton.url).get('/api/docs-json');
      expect(Object.keys(docs.body.paths['/api/executions/{id}/stream'].get.responses['200'].content)).toEqual([
        'text/event-stream',
      ]);
    });
  });
}
