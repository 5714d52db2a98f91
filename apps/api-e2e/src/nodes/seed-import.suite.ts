import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SEED_EXAMPLE, seedScrapeWorkflow } from '../../../../libs/nodes/src/seed/seed-example-workflows';
import {
  type ChatCompletionsTestServer,
  startChatCompletionsTestServer,
} from '../../../../libs/nodes/src/testing/chat-completions-test-server';
import type { TestApiClient } from '../support/api-client';
import type { EmbeddedOwnerBaton } from '../support/embedded-owner-baton';

/**
 * Issue 12, items 2 and 8: browser nodes in the catalogue and in a run through the API, and the seed
 * design's workflows imported through POST /api/workflows/import and run in Debian's Chromium
 * against a local page, the extraction against the local chat-completions server. Runs inside the
 * catalogue suite's describe, on its Baton (one boot per file).
 */
export function describeSeedImport(appOf: () => EmbeddedOwnerBaton): void {
  describe('browser nodes and seed workflow import', () => {
    let owner: TestApiClient;
    let site: Server;
    let siteUrl: string;
    let chat: ChatCompletionsTestServer;

    beforeAll(async () => {
      site = createServer((req, res) => {
        const url = new URL(req.url ?? '/', 'http://site');
        const page = (body: string) =>
          res
            .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
            .end(`<!doctype html><html><head><title>Sign up</title></head><body>${body}</body></html>`);
        if (url.pathname === '/')
          return page(
            '<form action="/welcome" method="get"><input id="name" name="name"><button id="send">Go</button></form>',
          );
        if (url.pathname === '/welcome')
          return page(
            `<nav>Menu</nav><p id="result">Welcome, ${url.searchParams.get('name')?.replace(/\W/g, '')}!</p>`,
          );
        res.writeHead(404).end();
      });
      // Dual-stack: `localhost` may resolve to ::1 or 127.0.0.1.
      await new Promise<void>((resolve) => site.listen(0, '::', resolve));
      siteUrl = `http://localhost:${(site.address() as AddressInfo).port}/`;
      chat = await startChatCompletionsTestServer();
      owner = appOf().owner;
    });

    afterAll(async () => {
      await chat?.close();
      site?.closeAllConnections();
      await new Promise((resolve) => site?.close(resolve));
    });

    it('lists the browser nodes with their page handles, settings and output schemas', async () => {
      const catalogue = (await owner.get('/api/nodes')).body as Array<Record<string, any>>;
      const byType = (type: string) => catalogue.find((entry) => entry.type === type);
      for (const type of ['open', 'fill', 'click', 'waitFor', 'html', 'text', 'screenshot', 'close']) {
        const entry = byType(`browser.${type}`);
        expect(entry).toMatchObject({ settingsSchema: { type: 'object' }, outputSchema: { type: 'object' } });
        if (type !== 'open')
          expect(entry!.inputs).toContainEqual(expect.objectContaining({ name: 'page', dataType: 'page' }));
        if (type !== 'close')
          expect(entry!.outputs).toContainEqual(expect.objectContaining({ name: 'page', dataType: 'page' }));
      }
      expect(byType('browser.open')).toMatchObject({ canStart: true, settingsSchema: { required: ['url'] } });
      expect(byType('browser.click')).toMatchObject({ replaySafe: false });
    });

    it('runs a browser workflow through the API: open, fill, click, wait, text and a screenshot', async () => {
      const step = (id: string, type: string, inputs: Record<string, unknown>, x: number) => ({
        id,
        type,
        position: { x, y: 0 },
        data: { inputs },
      });
      const ids = ['open', 'fill', 'click', 'wait', 'text', 'shot'];
      const definition = {
        nodes: [
          step('open', 'browser.open', { url: siteUrl, viewport: { width: 640, height: 480 } }, 0),
          step('fill', 'browser.fill', { selector: '#name', value: '{{ $execution.input.name }}' }, 200),
          step('click', 'browser.click', { selector: '#send' }, 400),
          step('wait', 'browser.waitFor', { selector: '#result', state: 'visible' }, 600),
          step('text', 'browser.text', { selector: '#result' }, 800),
          step('shot', 'browser.screenshot', { format: 'jpeg', quality: 60 }, 1000),
        ],
        edges: ids.slice(1).map((id, i) => ({
          id: `e${i}`,
          source: ids[i],
          target: id,
          sourceHandle: 'page',
          targetHandle: 'page',
        })),
      };
      const run = await owner.post('/api/workflows/run', {
        format: 'graph',
        definition,
        input: { name: 'Grace' },
        mode: 'immediate',
      });
      const execution = await waitForEnd(owner, run.body.executionId);
      expect(execution.status).toBe('completed');
      const output = (nodeId: string) =>
        execution.steps.find((s: { nodeId: string }) => s.nodeId === nodeId)?.output as Record<string, unknown>;
      expect(output('text')).toMatchObject({ text: 'Welcome, Grace!' });
      expect(output('shot')).toMatchObject({ mimeType: 'image/jpeg' });
      const jpeg = Buffer.from(String(output('shot')['base64']), 'base64');
      expect(jpeg.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    });

    it("imports the seed's own example: browser.open from 'Website URL', its cron as a trigger, its status", async () => {
      const imported = await owner.post('/api/workflows/import', SEED_EXAMPLE);
      expect(imported.status).toBe(201);
      expect(imported.body.workflow).toMatchObject({
        name: 'Workflow Name',
        description: 'Workflow description',
        status: 'active',
        format: 'graph',
        definition: {
          nodes: [{ id: 'node-1', type: 'browser.open', data: { inputs: { url: 'https://example.com' } } }],
          edges: [],
        },
      });
      expect(imported.body.trigger).toMatchObject({
        type: 'cron',
        expression: '0 9 * * 1-5',
        timezone: 'UTC',
        enabled: true,
      });
      expect(imported.body.notes).toContain(
        'edges[0]: connects to node "node-2", which the workflow does not have; dropped',
      );
      const triggers = await owner.get(`/api/workflows/${imported.body.workflow.id}/triggers`);
      expect(triggers.body).toHaveLength(1);
    });

    it('runs an imported seed scrape: open, fill, click, HTML, text, then ai.extract on the local model', async () => {
      const credential = await owner.post('/api/credentials', {
        name: 'Seed import model',
        kind: 'openai',
        values: { baseUrl: chat.baseUrl, apiKey: chat.apiKey, defaultModel: 'test-model' },
      });
      expect(credential.status).toBe(201);
      // The model "reads" the text it was sent, so the answer proves the page's text reached it.
      chat.reply((request) => {
        const user = request.messages.filter((m) => m.role === 'user').at(-1)?.content ?? '';
        return JSON.stringify({ name: /Welcome, (\w+)/.exec(user)?.[1] ?? 'nobody' });
      });
      const imported = await owner.post('/api/workflows/import', {
        ...seedScrapeWorkflow(siteUrl),
        credentials: { openai: credential.body.id },
      });
      expect(imported.status).toBe(201);
      expect(imported.body.workflow.definition.nodes.map((n: { type: string }) => n.type)).toEqual([
        'browser.open',
        'browser.fill',
        'browser.click',
        'browser.html',
        'html.text',
        'ai.extract',
      ]);
      expect(imported.body.trigger).toMatchObject({ type: 'cron', expression: '*/30 * * * *' });

      const started = await owner.post(`/api/workflows/${imported.body.workflow.id}/execute`, { mode: 'immediate' });
      expect(started.status).toBeLessThan(300);
      const execution = await waitForEnd(owner, started.body.executionId);
      const output = (nodeId: string) =>
        execution.steps.find((s: { nodeId: string }) => s.nodeId === nodeId)?.output as Record<string, unknown>;
      expect(execution.status).toBe('completed');
      expect(output('click')['url']).toBe(`${siteUrl}welcome?name=Ada`);
      expect(output('text')).toMatchObject({ text: 'Welcome, Ada!' });
      expect(output('extract')).toMatchObject({ data: { name: 'Ada' }, tries: 1 });
      expect(chat.requests.at(-1)?.model).toBe('test-model');
    });

    it('refuses a bad cron or a node without an id by naming the field, and writes nothing', async () => {
      const before = (await owner.get('/api/workflows?limit=100')).body.items.length;
      const badCron = await owner.post('/api/workflows/import', { ...SEED_EXAMPLE, cron: 'every day' });
      expect(badCron.status).toBe(400);
      expect(JSON.stringify(badCron.body.message)).toContain('cron:');
      const noId = await owner.post('/api/workflows/import', { nodes: [{ type: 'get_html' }] });
      expect(noId.status).toBe(400);
      expect(JSON.stringify(noId.body.message)).toContain('nodes[0].id');
      const notArray = await owner.post('/api/workflows/import', { nodes: 'x' });
      expect(notArray.status).toBe(400);
      expect(JSON.stringify(notArray.body.message)).toContain('nodes');
      expect((await owner.get('/api/workflows?limit=100')).body.items).toHaveLength(before);
    });
  });
}

async function waitForEnd(client: TestApiClient, executionId: string) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const execution = (await client.get(`/api/executions/${executionId}`)).body;
    if (['completed', 'failed', 'cancelled'].includes(execution.status)) return execution;
    if (Date.now() > deadline) throw new Error(`execution ${executionId} still ${execution.status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
