import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually } from '../../api-e2e/src/support/api-client';
import { doublingGraph } from '../../api-e2e/src/support/graphs';
import { openPage, screenshot, signIn, startConsoleSession, type ConsoleSession } from './console-session';

/**
 * Issue 13, item 7: the usage page shows what real runs cost (totals, a chart.js bar chart, a
 * table per group), regroups by workflow, and lets the owner set the monthly limit.
 */
describe('usage page in Chromium', () => {
  let session: ConsoleSession;

  beforeAll(async () => {
    session = await startConsoleSession();
  });

  afterAll(async () => {
    await session?.close();
  });

  it('renders the credits of real runs as totals, a chart and a table, by day and by workflow', async () => {
    const created = await session.api.post('/api/workflows', {
      name: 'Doubles for usage',
      format: 'graph',
      definition: doublingGraph(),
    });
    expect(created.status).toBe(201);
    for (const value of [1, 2]) {
      const started = await session.api.post(`/api/workflows/${created.body.id}/execute`, {
        input: { value },
        mode: 'queued',
      });
      expect(started.status).toBe(201);
      await eventually(async () => {
        const execution = await session.api.get(`/api/executions/${started.body.executionId}`);
        return execution.body.status === 'completed';
      });
    }
    // What the page must show: the API's own totals (2 credits a run: data.transform + util.log).
    const report = (await session.api.get('/api/usage?groupBy=day')).body;
    expect(report.totalCredits).toBe(4);

    const { page, consoleErrors } = await openPage(session);
    await signIn(page, session.baton.url, '/usage');
    await page.getByRole('heading', { name: 'Usage' }).waitFor({ timeout: 15_000 });
    await expect(page.getByTestId('usage-total-credits').textContent()).resolves.toBe('4');
    const today = new Date().toISOString().slice(0, 10);
    const table = page.getByTestId('usage-table');
    await table.locator('tr', { hasText: today }).waitFor({ timeout: 15_000 });
    expect(await table.locator('tbody tr').first().locator('td').first().textContent()).toBe('4');
    // chart.js drew on its canvas: some pixel is not transparent.
    const canvas = page.locator('baton-usage-chart canvas');
    expect(await canvas.getAttribute('aria-label')).toBe('Credits by day');
    const painted = await canvas.evaluate((element: HTMLCanvasElement) => {
      const { data } = element.getContext('2d')!.getImageData(0, 0, element.width, element.height);
      return data.some((value, index) => index % 4 === 3 && value > 0);
    });
    expect(painted).toBe(true);

    await page.getByLabel('Group by').selectOption({ label: 'Workflow' });
    await table.locator('tr', { hasText: 'Doubles for usage' }).waitFor({ timeout: 15_000 });
    expect(await canvas.getAttribute('aria-label')).toBe('Credits by workflow');
    const row = table.locator('tr', { hasText: 'Doubles for usage' });
    expect(await row.locator('td').allTextContents()).toEqual(['4', '0', '6', '2']);
    await screenshot(page, 'usage-by-workflow');

    // A window without runs says so.
    await page.getByLabel('From (UTC)').fill('2020-01-01');
    await page.getByLabel('To (UTC, included)').fill('2020-01-31');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByText('No usage in this window').waitFor({ timeout: 15_000 });

    // The owner sets a limit; the page shows used of limit.
    await page.getByLabel('Monthly credit limit').fill('10');
    await page.getByRole('button', { name: 'Save limit' }).click();
    await page.getByTestId('usage-limit').getByText('4 / 10').waitFor({ timeout: 15_000 });
    expect(
      (await session.api.get(`/api/workspaces/${(await session.api.get('/api/workspaces')).body[0].id}/limits`)).body,
    ).toMatchObject({ monthlyCredits: 10, used: 4, remaining: 6 });
    await screenshot(page, 'usage-limit');
    expect(consoleErrors).toEqual([]);
  });
});
