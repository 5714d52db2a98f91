import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { eventually } from '../../api-e2e/src/support/api-client';
import { openPage, screenshot, signIn, startConsoleSession, type ConsoleSession } from './console-session';

/** Issue 13, item 7: an execution's artifacts on its detail page, previewed sandboxed and downloaded. */
describe('execution artifacts in Chromium', () => {
  let session: ConsoleSession;

  beforeAll(async () => {
    session = await startConsoleSession();
  });

  afterAll(async () => {
    await session?.close();
  });

  it('lists the report, previews it in a sandboxed frame where its script does not run, and downloads it', async () => {
    const template =
      '<title>Report</title><h1 style="color: rebeccapurple">Hello <%= it.name %></h1>' +
      `<script>document.title = 'script ran'; parent.document.title = 'escaped';</script>`;
    const run = await session.api.post('/api/workflows/run', {
      format: 'graph',
      definition: {
        nodes: [
          { id: 'start', type: 'trigger.manual', position: { x: 40, y: 80 }, data: { inputs: {} } },
          {
            id: 'render',
            type: 'template.html',
            position: { x: 320, y: 80 },
            data: { inputs: { template, fileName: 'report.html' } },
          },
        ],
        edges: [{ id: 'e1', source: 'start', target: 'render', sourceHandle: 'out', targetHandle: 'in' }],
      },
      input: { name: 'Ada <3' },
      mode: 'immediate',
    });
    expect(run.body).toMatchObject({ status: 'completed' });
    const executionId: string = run.body.executionId;

    const { page, consoleErrors } = await openPage(session);
    await signIn(page, session.baton.url, `/executions/${executionId}`);
    const panel = page.getByTestId('execution-artifacts');
    await panel.getByText('report.html').waitFor({ timeout: 15_000 });
    expect(await panel.textContent()).toContain('text/html; charset=utf-8');
    const consoleTitle = await page.title();

    await panel.getByRole('button', { name: 'Preview' }).click();
    const frameElement = page.locator('iframe[title="Preview of the HTML artifact"]');
    await frameElement.waitFor();
    expect(await frameElement.getAttribute('sandbox')).toBe('');
    const frame = page.frameLocator('iframe[title="Preview of the HTML artifact"]');
    await frame.getByRole('heading', { name: 'Hello Ada <3' }).waitFor();
    await screenshot(page, 'execution-artifact-preview');
    // The script neither ran in the frame nor reached the console.
    const inFrame = await eventually(async () =>
      (await (await frameElement.elementHandle())?.contentFrame())?.evaluate(() => document.title),
    );
    expect(inFrame).toBe('Report');
    expect(await page.title()).toBe(consoleTitle);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      panel.getByRole('button', { name: 'Download' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('report.html');
    const saved = await download.path();
    expect(readFileSync(saved!, 'utf8')).toContain('<h1 style="color: rebeccapurple">Hello Ada &lt;3</h1>');
    expect(consoleErrors.filter((e) => !e.includes('Blocked script execution'))).toEqual([]);
  });

  it('edits template.html’s template in a multi-line field marked as an Eta template', async () => {
    const template = '<h1>Hi <%= it.name %></h1>\n<p>{{ not an expression }}</p>';
    const created = await session.api.post('/api/workflows', {
      name: 'Report',
      format: 'graph',
      definition: {
        nodes: [
          { id: 'start', type: 'trigger.manual', position: { x: 40, y: 80 }, data: { inputs: {} } },
          { id: 'render', type: 'template.html', position: { x: 320, y: 80 }, data: { inputs: { template } } },
        ],
        edges: [{ id: 'e1', source: 'start', target: 'render', sourceHandle: 'out', targetHandle: 'in' }],
      },
    });
    expect(created.status).toBe(201);
    const { page } = await openPage(session);
    await signIn(page, session.baton.url, `/workflows/${created.body.id}`);
    await page.locator('[data-node-id="render"]').click();
    const field = page.locator('#setting-render-template');
    await field.waitFor();
    expect(await field.evaluate((element) => element.tagName)).toBe('TEXTAREA');
    expect(await field.inputValue()).toBe(template);
    expect(await page.locator('label[for="setting-render-template"]').textContent()).toContain('Eta template');
  });
});
