import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Browser, chromium } from 'playwright-core';
import type { RunningBaton } from '../../../api/src/bootstrap/start-baton';
import { TestApiClient } from '../support/api-client';
import { edge, node } from '../support/graphs';
import { setUpOwner } from '../support/identities';
import { startInProcessBaton } from '../support/in-process-baton';
import { prepareTier, type TierEnvironment } from '../support/test-tiers';

// Long enough for the submitter to see the job running, short enough for a fast test.
const reportAfterDelay = () => ({
  nodes: [
    node('start', 'trigger.manual'),
    node('wait', 'flow.delay', { ms: 1500 }, 200),
    node(
      'report',
      'template.html',
      { template: '<h1>Report on <%= it.fields.topic %></h1>', fileName: 'report.html', publish: true },
      400,
    ),
  ],
  edges: [edge('start', 'wait'), edge('wait', 'report')],
});

/**
 * The submitter's status page in Debian's Chromium: with script, the inline poller (allowed by the
 * page's CSP hash, no violation) moves it to completed in place, without a reload; without script,
 * the <noscript> meta refresh reloads the GET page until it is completed. Both end on the report link.
 */
describe('form job status page in Chromium (embedded tier)', () => {
  let environment: TierEnvironment;
  let baton: RunningBaton;
  let browser: Browser;
  let formUrl: string;

  beforeAll(async () => {
    environment = await prepareTier('embedded');
    baton = await startInProcessBaton({ ...environment.env, BATON_ROLE: 'all' });
    const owner = await setUpOwner(new TestApiClient(baton.url));
    const workflow = await owner.post('/api/workflows', {
      name: 'Delayed report',
      format: 'graph',
      definition: reportAfterDelay(),
    });
    await owner.post(`/api/workflows/${workflow.body.id}/activate`);
    const form = await owner.post(`/api/workflows/${workflow.body.id}/triggers`, {
      type: 'form',
      fields: [{ name: 'topic', label: 'Topic', type: 'text', required: true }],
      response: 'status-page',
      mode: 'queued',
    });
    expect(form.status).toBe(201);
    formUrl = `${baton.url}${new URL(form.body.url).pathname}`;
    browser = await chromium.launch({
      executablePath: process.env['BATON_CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await baton?.close();
    await environment?.cleanup();
  });

  it.each([
    ['with script', true],
    ['without script', false],
  ] as const)(
    '%s: submit, see the job queued or running, then completed with the report link',
    async (_, javaScriptEnabled) => {
      const context = await browser.newContext({ javaScriptEnabled });
      try {
        const page = await context.newPage();
        const problems: string[] = [];
        page.on('console', (message) => {
          if (message.type() === 'error') problems.push(message.text());
        });
        page.on('pageerror', (error) => problems.push(String(error)));
        let loads = 0;
        page.on('load', () => loads++);
        await page.goto(formUrl);
        await page.getByLabel('Topic').fill('<Queues>');
        await page.getByRole('button', { name: 'Submit' }).click();
        await page
          .getByRole('status')
          .getByText(/^(Queued|Running):/)
          .waitFor({ timeout: 5000 });
        const loadsAfterSubmit = loads;
        await page.locator('#job[data-status="completed"]').waitFor({ timeout: 15_000 });
        await page.getByRole('status').getByText('Completed: your request is done.').waitFor();
        const link = page.getByRole('link', { name: 'report.html' });
        await link.waitFor();
        if (javaScriptEnabled) expect(loads).toBe(loadsAfterSubmit);
        else {
          expect(loads).toBeGreaterThan(loadsAfterSubmit);
          expect(page.url()).toMatch(/\/api\/forms\/[^/]+\/jobs\/[A-Za-z0-9_-]{59}\/page$/);
        }
        await page.getByRole('heading', { name: 'Your results' }).waitFor();
        expect(await page.locator('#job-ended').textContent()).toMatch(/^\d{4}-\d\d-\d\dT/);
        const report = await context.request.get(new URL((await link.getAttribute('href'))!, baton.url).toString());
        expect(report.status()).toBe(200);
        expect(await report.text()).toBe('<h1>Report on &lt;Queues&gt;</h1>');
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );
});
