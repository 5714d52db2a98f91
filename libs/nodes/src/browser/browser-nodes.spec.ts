import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  buildGraph,
  createTestEngine,
  type ExecutionSnapshot,
  type GraphDefinition,
  NodeRegistry,
  validateGraphDefinition,
} from '@baton/engine';
import { execFileSync } from 'node:child_process';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGuardedHostResolver } from '../net/create-guarded-host-resolver.js';
import { manualTriggerNode } from '../trigger/manual.node.js';
import { logNode } from '../util/log.node.js';
import { BrowserSessions } from './browser-sessions.js';
import { startGuardedBrowserProxy } from './guarded-browser-proxy.js';
import { browserClickNode } from './click.node.js';
import { browserCloseNode } from './close.node.js';
import { browserFillNode } from './fill.node.js';
import { browserHtmlNode } from './html.node.js';
import { browserOpenNode } from './open.node.js';
import { browserScreenshotNode } from './screenshot.node.js';
import { browserTextNode } from './text.node.js';
import { browserWaitForNode } from './wait-for.node.js';

const browserNodeTypes = [
  browserOpenNode,
  browserFillNode,
  browserClickNode,
  browserWaitForNode,
  browserHtmlNode,
  browserTextNode,
  browserScreenshotNode,
  browserCloseNode,
];

const CHROMIUM_PATH = process.env['BATON_CHROMIUM_PATH'] ?? '/usr/bin/chromium';

// A local site for the real Chromium: a form that posts and redirects to a page rendering its
// answer late (so waitFor waits), a redirect to a loopback address and a page whose script calls
// one. The site is reached as `localhost` (allowed); 127.0.0.1 stays refused, as any private
// address is by default, so the SSRF cases are real refusals of real connections.
describe('browser nodes (Debian Chromium)', () => {
  let server: Server;
  let site: string;
  let loopback: string;
  const secretHits: string[] = [];
  let sessions: BrowserSessions;
  // Executions "ended in another process", as the composition root's lookup would report them.
  const endedElsewhere = new Set<string>();

  beforeAll(async () => {
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://site');
      const html = (body: string) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(`<!doctype html><html><head><title>Test site</title></head><body>${body}</body></html>`);
      };
      if (url.pathname === '/') {
        return html(
          '<h1>Sign up</h1><form action="/submit" method="post"><input id="name" name="name"><button id="send">Send</button></form>',
        );
      }
      if (url.pathname === '/submit' && req.method === 'POST') {
        let body = '';
        req.on('data', (chunk: Buffer) => (body += chunk.toString()));
        req.on('end', () => {
          res.writeHead(303, { location: `/result?${body}` });
          res.end();
        });
        return;
      }
      if (url.pathname === '/result') {
        const name = JSON.stringify(url.searchParams.get('name'));
        return html(
          `<main><p>Processing...</p></main><script>setTimeout(() => { const d = document.createElement('div'); d.id = 'result'; d.textContent = 'Welcome, ' + ${name}; document.querySelector('main').replaceChildren(d); }, 200)</script>`,
        );
      }
      if (url.pathname === '/to-loopback') {
        res.writeHead(302, { location: `${loopback}/secret?via=redirect` });
        return res.end();
      }
      if (url.pathname === '/probe') {
        return html(
          `<p id="state">probing</p><script>fetch(${JSON.stringify(`${loopback}/secret?via=fetch`)}).then(() => 'reached', () => 'refused').then((s) => (document.getElementById('state').textContent = s))</script>`,
        );
      }
      if (url.pathname === '/secret') {
        secretHits.push(url.search);
        return html('secret');
      }
      res.writeHead(404).end();
    });
    // Dual-stack, so `localhost` answers whether it resolves to ::1 or 127.0.0.1.
    await new Promise<void>((resolve) => server.listen(0, '::', resolve));
    const { port } = server.address() as AddressInfo;
    site = `http://localhost:${port}`;
    loopback = `http://127.0.0.1:${port}`;
    sessions = new BrowserSessions({
      chromiumPath: CHROMIUM_PATH,
      poolSize: 1,
      resolveHost: createGuardedHostResolver(['localhost']),
      sweepMs: 100,
    });
    sessions.attachExecutionLookup(async (executionId) => !endedElsewhere.has(executionId));
  });

  afterAll(async () => {
    await sessions.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  function setup() {
    const t = createTestEngine({
      nodeTypes: [manualTriggerNode, logNode, ...browserNodeTypes],
      services: { browser: sessions },
      onExecutionEnd: (executionId) => sessions.closeExecution(executionId),
    });
    const run = async (definition: GraphDefinition, input: unknown = {}) => {
      const { executionId } = await t.engine.start({ definition, input, mode: 'queued' });
      return { executionId, snapshot: await until(() => t.snapshot(executionId)) };
    };
    return { ...t, run };
  }

  const outputOf = (snapshot: ExecutionSnapshot, stepId: string) =>
    snapshot.steps.find((s) => s.stepId === stepId)?.output as Record<string, unknown>;

  it('opens a page, fills a form, clicks, waits, reads text and HTML and takes a screenshot', async () => {
    const t = setup();
    const definition = buildGraph(
      [
        ['start', 'trigger.manual'],
        ['open', 'browser.open', { url: `${site}/`, viewport: { width: 800, height: 600 } }],
        ['fill', 'browser.fill', { selector: '#name', value: '{{ $execution.input.name }}' }],
        ['click', 'browser.click', { selector: '#send' }],
        ['wait', 'browser.waitFor', { selector: '#result', state: 'visible' }],
        ['text', 'browser.text', { selector: '#result' }],
        ['html', 'browser.html', {}],
        ['shot', 'browser.screenshot', {}],
        ['close', 'browser.close', {}],
      ],
      ['start->open', ...chain(['open', 'fill', 'click', 'wait', 'text', 'html', 'shot', 'close'])],
    );
    const { executionId, snapshot } = await t.run(definition, { name: 'Ada' });

    expect(snapshot.execution).toMatchObject({ status: 'completed' });
    expect(outputOf(snapshot, 'open')).toMatchObject({ url: `${site}/`, status: 200, title: 'Test site' });
    expect(outputOf(snapshot, 'click')['url']).toBe(`${site}/result?name=Ada`);
    expect(outputOf(snapshot, 'text')).toMatchObject({ text: 'Welcome, Ada', truncated: false });
    expect(outputOf(snapshot, 'html')['html']).toContain('<div id="result">Welcome, Ada</div>');
    const shot = outputOf(snapshot, 'shot');
    expect(shot).toMatchObject({ mimeType: 'image/png' });
    const png = Buffer.from(String(shot['base64']), 'base64');
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.byteLength).toBe(shot['bytes']);
    expect(png.readUInt32BE(16)).toBe(800); // IHDR width: the viewport asked for
    expect(sessions.openExecutions()).not.toContain(executionId);
  });

  it('closes the context when the execution ends without browser.close, or fails', async () => {
    const t = setup();
    const definition = buildGraph(
      [
        ['start', 'trigger.manual'],
        ['open', 'browser.open', { url: `${site}/` }],
        ['missing', 'browser.waitFor', { selector: '#nope', timeoutMs: 200 }, { retry: { maxAttempts: 1 } }],
      ],
      ['start->open', 'open:page->missing:page'],
    );
    const { executionId, snapshot } = await t.run(definition);
    expect(snapshot.execution).toMatchObject({ status: 'failed' });
    expect(snapshot.steps.find((s) => s.stepId === 'missing')?.error).toMatchObject({ error: 'BROWSER_TIMEOUT' });
    await until(async () => !sessions.openExecutions().includes(executionId) || undefined);
  });

  it('closes the context of a cancelled execution while a step waits on the page', async () => {
    const t = setup();
    const definition = buildGraph(
      [
        ['start', 'trigger.manual'],
        ['open', 'browser.open', { url: `${site}/` }],
        ['forever', 'browser.waitFor', { selector: '#never', timeoutMs: 60_000 }],
      ],
      ['start->open', 'open:page->forever:page'],
    );
    const { executionId } = await t.engine.start({ definition, input: {}, mode: 'queued' });
    await until(
      async () => (await t.step(executionId, 'forever').catch(() => null))?.status === 'running' || undefined,
    );
    expect(sessions.openExecutions()).toContain(executionId);
    await t.engine.cancel(executionId, 'stop');
    const snapshot = await until(() => t.snapshot(executionId));
    expect(snapshot.execution.status).toBe('cancelled');
    await until(async () => !sessions.openExecutions().includes(executionId) || undefined);
  });

  it('closes the context of an execution that ended in another process (the sweep asks)', async () => {
    await sessions.openPage('exec-elsewhere', { viewport: { width: 400, height: 300 } }, new AbortController().signal);
    expect(sessions.openExecutions()).toContain('exec-elsewhere');
    endedElsewhere.add('exec-elsewhere');
    await until(async () => !sessions.openExecutions().includes('exec-elsewhere') || undefined);
  });

  it('refuses private destinations: a direct URL, a redirect hop and a request from the page script', async () => {
    const t = setup();
    const open = (url: string) =>
      buildGraph(
        [
          ['start', 'trigger.manual'],
          ['open', 'browser.open', { url }],
        ],
        ['start->open'],
      );
    for (const url of [`${loopback}/secret?via=direct`, `${site}/to-loopback`]) {
      const { snapshot } = await t.run(open(url));
      expect(snapshot.execution.status).toBe('failed');
      expect(snapshot.steps.find((s) => s.stepId === 'open')?.error).toMatchObject({ error: 'DESTINATION_BLOCKED' });
    }
    const probe = buildGraph(
      [
        ['start', 'trigger.manual'],
        ['open', 'browser.open', { url: `${site}/probe` }],
        ['done', 'browser.waitFor', { selector: '#state:text-matches("reached|refused")' }],
        ['text', 'browser.text', { selector: '#state' }],
      ],
      ['start->open', 'open:page->done:page', 'done:page->text:page'],
    );
    const { snapshot } = await t.run(probe);
    expect(outputOf(snapshot, 'text')['text']).toBe('refused');
    expect(secretHits).toEqual([]);
  });

  it('serves only its own browser: the proxy asks every other client for credentials it does not have', async () => {
    const proxy = await startGuardedBrowserProxy(createGuardedHostResolver(['localhost']));
    const via = (authorization?: string) =>
      new Promise<number>((resolve, reject) => {
        const url = new URL(proxy.url);
        const headers: Record<string, string> = authorization ? { 'proxy-authorization': authorization } : {};
        request({ host: url.hostname, port: url.port, path: `${site}/`, headers }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
          .on('error', reject)
          .end();
      });
    expect(await via()).toBe(407);
    expect(await via(`Basic ${Buffer.from('baton:guess').toString('base64')}`)).toBe(407);
    const own = `Basic ${Buffer.from(`${proxy.username}:${proxy.password}`).toString('base64')}`;
    expect(await via(own)).toBe(200);
    await proxy.close();
  });

  it('lets a page output connect only to a page input', () => {
    const registry = new NodeRegistry([manualTriggerNode, logNode, ...browserNodeTypes]);
    const definition = buildGraph(
      [
        ['start', 'trigger.manual'],
        ['open', 'browser.open', { url: `${site}/` }],
        ['log', 'util.log', { message: 'x' }],
        ['text', 'browser.text', {}],
      ],
      ['start->open', 'open:page->log:in', 'log:out->text:page'],
    );
    const problems = validateGraphDefinition(definition, registry).problems.map((p) => p.message);
    expect(problems).toEqual(
      expect.arrayContaining([
        'handle types do not match: "page" gives page, "in" takes any',
        'handle types do not match: "out" gives any, "page" takes page',
      ]),
    );
  });

  it('fails with the retryable BROWSER_SESSION_LOST where the page lives in another process', async () => {
    const other = new BrowserSessions({ chromiumPath: CHROMIUM_PATH, resolveHost: createGuardedHostResolver() });
    const handle = { kind: 'browser.page' as const, executionId: 'exec-1', pageId: 'p', owner: sessions.owner };
    await expect(other.page(handle, 'exec-1')).rejects.toMatchObject({ code: 'BROWSER_SESSION_LOST', retryable: true });
    await other.close();
  });

  // Last: it kills this file's browser.
  it('fails the waiting step with the retryable BROWSER_CRASHED when Chromium dies', async () => {
    const t = setup();
    const definition = buildGraph(
      [
        ['start', 'trigger.manual'],
        ['open', 'browser.open', { url: `${site}/` }],
        ['forever', 'browser.waitFor', { selector: '#never', timeoutMs: 60_000 }, { retry: { maxAttempts: 1 } }],
      ],
      ['start->open', 'open:page->forever:page'],
    );
    const { executionId } = await t.engine.start({ definition, input: {}, mode: 'queued' });
    await until(
      async () => (await t.step(executionId, 'forever').catch(() => null))?.status === 'running' || undefined,
    );
    killChildChromium();
    const snapshot = await until(() => t.snapshot(executionId));
    expect(snapshot.steps.find((s) => s.stepId === 'forever')?.error).toMatchObject({
      error: 'BROWSER_CRASHED',
      retryable: true,
    });
    await until(async () => !sessions.openExecutions().includes(executionId) || undefined);
  });
});

/** Edges handing the page along a chain of browser nodes. */
function chain(ids: string[]): string[] {
  return ids.slice(1).map((id, i) => `${ids[i]}:page->${id}:page`);
}

/** Polls until `read` answers a settled value (an execution snapshot in a terminal status, or any truthy value). */
async function until<T>(read: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    const status = (value as { execution?: { status?: string } } | undefined)?.execution?.status;
    if (value && (status === undefined || ['completed', 'failed', 'cancelled'].includes(status))) return value;
    if (Date.now() > deadline) throw new Error(`not reached within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Kills the Chromium this test process launched (its direct child), as a crash would. */
function killChildChromium(): void {
  const pids = execFileSync('pgrep', ['-P', String(process.pid), '-f', 'chromium'])
    .toString()
    .trim()
    .split('\n');
  for (const pid of pids.filter(Boolean)) process.kill(Number(pid), 'SIGKILL');
}
