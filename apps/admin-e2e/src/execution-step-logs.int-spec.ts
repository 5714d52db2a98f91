import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eventually } from '../../api-e2e/src/support/api-client';
import { openPage, screenshot, signIn, startConsoleSession, type ConsoleSession } from './console-session';

/** Open a local page, screenshot it (PNG), read a heading, and log a warning with what was read. */
function browserDefinition(siteUrl: string) {
  const node = (id: string, type: string, inputs: Record<string, unknown>, x: number) => ({
    id,
    type,
    position: { x, y: 80 },
    data: { inputs },
  });
  const edge = (id: string, source: string, target: string, handle: string, targetHandle = handle) => ({
    id,
    source,
    target,
    sourceHandle: handle,
    targetHandle,
  });
  return {
    nodes: [
      node('open', 'browser.open', { url: siteUrl, viewport: { width: 480, height: 320 } }, 40),
      node('shot', 'browser.screenshot', { format: 'png' }, 300),
      node('read', 'browser.text', { selector: '#result' }, 560),
      node('note', 'util.log', { message: 'Checked the welcome page', level: 'warn' }, 820),
    ],
    edges: [
      edge('e1', 'open', 'shot', 'page'),
      edge('e2', 'shot', 'read', 'page'),
      edge('e3', 'read', 'note', 'out', 'in'),
    ],
  };
}

/**
 * Issue 12, item 10: the execution detail of a real browser run in Debian's Chromium shows the
 * screenshot step's image inline (not its base64) and a step's ctx.log lines with their level;
 * the editor's properties panel draws a test run's screenshot the same way.
 */
describe('execution step logs and screenshots in Chromium', () => {
  let session: ConsoleSession;
  let site: Server;
  let siteUrl: string;

  beforeAll(async () => {
    session = await startConsoleSession();
    site = createServer((_req, res) =>
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(
          '<!doctype html><html><head><title>Welcome</title></head>' +
            '<body style="background:#0b7"><h1 id="result">Hello from the site</h1></body></html>',
        ),
    );
    // Dual-stack: `localhost` (on the tier's HTTP allow list) may resolve to ::1 or 127.0.0.1.
    await new Promise<void>((resolve) => site.listen(0, '::', resolve));
    siteUrl = `http://localhost:${(site.address() as AddressInfo).port}/`;
  });

  afterAll(async () => {
    if (site) {
      site.closeAllConnections();
      await new Promise((resolve) => site.close(resolve));
    }
    await session?.close();
  });

  it("draws a browser.screenshot step's image inline and lists a step's log lines", async () => {
    const run = await session.api.post('/api/workflows/run', {
      format: 'graph',
      definition: browserDefinition(siteUrl),
      input: {},
      mode: 'immediate',
    });
    expect(run.status).toBe(201);
    const executionId: string = run.body.executionId;
    const execution = await eventually(async () => {
      const response = await session.api.get(`/api/executions/${executionId}`);
      return ['completed', 'failed'].includes(response.body.status) ? response.body : undefined;
    }, 30_000);
    expect(execution.status).toBe('completed');
    const shot = execution.steps.find((step: { nodeId: string }) => step.nodeId === 'shot');
    const base64: string = shot.output.base64;
    expect(base64.length).toBeGreaterThan(100);

    const { page, consoleErrors } = await openPage(session);
    await signIn(page, session.baton.url, `/executions/${executionId}`);
    await page.locator('[data-node-id="note"][data-status="completed"]').waitFor({ timeout: 15_000 });

    // The screenshot: a decoded PNG at the viewport's size; the JSON view holds a note, not the data.
    await page.getByRole('button', { name: new RegExp(`^${shot.stepId}`) }).click();
    const image = page.getByTestId('step-screenshot').locator('img');
    await image.waitFor();
    await page.waitForFunction((img) => (img as HTMLImageElement).complete, await image.elementHandle());
    const size = await image.evaluate((img: HTMLImageElement) => ({
      width: img.naturalWidth,
      height: img.naturalHeight,
    }));
    expect(size).toEqual({ width: 480, height: 320 });
    expect(await image.getAttribute('alt')).toContain(siteUrl);
    const outputText = (await page.getByTestId('step-output').textContent()) ?? '';
    expect(outputText).toContain('characters of base64, shown as an image');
    expect(outputText).not.toContain(base64.slice(0, 64));
    // Its log quotes the output too (step_completed), likewise without the image data.
    const shotLog = (await page.getByTestId('step-logs').textContent()) ?? '';
    expect(shotLog).toContain('step_completed');
    expect(shotLog).not.toContain(base64.slice(0, 64));
    await image.scrollIntoViewIfNeeded();
    await screenshot(page, 'execution-screenshot-step');

    // The log step: the line it wrote through ctx.log, with its level, under the attempt that ended.
    const note = execution.steps.find((step: { nodeId: string }) => step.nodeId === 'note');
    await page.getByRole('button', { name: new RegExp(`^${note.stepId}`) }).click();
    const line = page.getByTestId('step-log-line').filter({ hasText: 'Checked the welcome page' });
    await line.waitFor();
    await line.scrollIntoViewIfNeeded();
    expect(await line.getAttribute('data-level')).toBe('warn');
    expect(await line.textContent()).toContain('Hello from the site');
    expect(await page.getByTestId('step-logs').getByText('step_completed').count()).toBe(1);
    await screenshot(page, 'execution-step-log');
    expect(consoleErrors).toEqual([]);
  });

  it("draws a test run's screenshot in the editor's properties panel", async () => {
    const created = await session.api.post('/api/workflows', {
      name: 'Screenshot',
      format: 'graph',
      definition: browserDefinition(siteUrl),
    });
    expect(created.status).toBe(201);
    const { page, consoleErrors } = await openPage(session);
    await signIn(page, session.baton.url, `/workflows/${created.body.id}`);
    await page.getByRole('button', { name: 'Test run' }).click({ timeout: 15_000 });
    await page.getByText('Test run completed.').waitFor({ timeout: 30_000 });
    await page.locator('[data-node-id="shot"]').click();
    const image = page.locator('baton-properties-panel').getByTestId('step-screenshot').locator('img');
    await image.waitFor();
    await page.waitForFunction((img) => (img as HTMLImageElement).complete, await image.elementHandle());
    expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(480);
    expect(await page.getByTestId('node-output').textContent()).toContain('characters of base64, shown as an image');
    expect(consoleErrors).toEqual([]);
  });
});
