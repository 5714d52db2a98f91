import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sampleGraph } from '../../api-e2e/src/support/identities';
import {
  fitsViewportWidth,
  openPage,
  screenshot,
  signIn,
  startConsoleSession,
  type ConsoleSession,
} from './console-session';

const USER_ZONE = 'America/New_York';

/** A workflow's triggers panel, seen by someone in New York scheduling a run read in Berlin. */
describe('triggers panel in Chromium', () => {
  let session: ConsoleSession;

  beforeAll(async () => {
    session = await startConsoleSession();
  });

  afterAll(async () => {
    await session?.close();
  });

  it('creates cron, webhook, form and one-time triggers; next runs in the user zone, the secret once', async () => {
    const created = await session.api.post('/api/workflows', {
      name: 'Nightly report',
      format: 'graph',
      definition: sampleGraph(),
    });
    expect(created.status).toBe(201);
    const workflowId: string = created.body.id;
    const { page, consoleErrors } = await openPage(session, {
      viewport: { width: 1024, height: 700 },
      timezoneId: USER_ZONE,
      locale: 'en-US',
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    await signIn(page, session.baton.url, `/workflows/${workflowId}/triggers`);
    await page.getByRole('heading', { name: 'Triggers · Nightly report' }).waitFor({ timeout: 15_000 });
    await page.getByText(`Times are shown in your time zone, ${USER_ZONE}.`).waitFor();

    // A bad expression: the API's 400 names the field, nothing is created.
    await page.getByLabel('Cron expression').fill('61 * * * *');
    await page.getByRole('button', { name: 'Add trigger' }).click();
    await page
      .getByTestId('trigger-error')
      .getByText(/expression/i)
      .waitFor({ timeout: 15_000 });
    expect((await session.api.get(`/api/workflows/${workflowId}/triggers`)).body).toEqual([]);

    // 09:00 every day, read in Berlin; the defaults offer the user's own zone.
    expect(await page.getByLabel('Time zone').inputValue()).toBe(USER_ZONE);
    await page.getByLabel('Cron expression').fill('0 9 * * *');
    await page.getByLabel('Time zone').fill('Europe/Berlin');
    await page.getByRole('button', { name: 'Add trigger' }).click();
    const cron = page.locator('[data-trigger-type="cron"]');
    const runs = cron.getByTestId('next-runs').locator('li');
    await runs.first().waitFor({ timeout: 15_000 });
    expect(await runs.count()).toBe(5);
    const triggers = (await session.api.get(`/api/workflows/${workflowId}/triggers`)).body;
    const preview = (await session.api.get(`/api/triggers/${triggers[0].id}/next-runs?count=5`)).body;
    // Each run is the API's instant, written in the user's zone (EST/EDT), with Berlin's 09:00 beside it.
    expect(await runs.first().locator('time').getAttribute('datetime')).toBe(preview.runs[0].at);
    const firstText = (await runs.first().textContent()) ?? '';
    expect(firstText).toMatch(/E[SD]T/);
    expect(firstText).toContain(`(${preview.runs[0].local} in Europe/Berlin)`);
    expect(preview.runs[0].local).toMatch(/T09:00:00[+-]\d\d:\d\d$/);
    const expectedHour = new Intl.DateTimeFormat('en-US', {
      hour: '2-digit',
      hourCycle: 'h23',
      timeZone: USER_ZONE,
    }).format(new Date(preview.runs[0].at));
    expect(firstText).toContain(`${Number(expectedHour) % 12 || 12}`.padStart(2, '0') + ':00');
    await screenshot(page, 'triggers-cron-next-runs');

    // A signed webhook: URL with a copy button, and the secret shown this once.
    await page.getByLabel('Trigger type').selectOption('webhook');
    await page.getByRole('button', { name: 'Add trigger' }).click();
    const secret = page.getByTestId('webhook-secret');
    await secret.waitFor({ timeout: 15_000 });
    const secretText = (await secret.locator('code').textContent())!.trim();
    expect(secretText.length).toBeGreaterThanOrEqual(32);
    await secret.getByRole('button', { name: 'Copy secret' }).click();
    await secret.getByRole('button', { name: 'Copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secretText);
    const webhookUrl = (await page
      .locator('[data-trigger-type="webhook"]')
      .getByTestId('trigger-url')
      .textContent())!.trim();
    expect(webhookUrl).toMatch(new RegExp(`^${session.baton.url}/api/hooks/[A-Za-z0-9_-]+$`));
    await screenshot(page, 'triggers-webhook-secret');

    // A form (public link) and a one-time run.
    await page.getByLabel('Trigger type').selectOption('form');
    await page.getByLabel('Form title').fill('Contact');
    await page.getByRole('button', { name: 'Add trigger' }).click();
    const form = page.locator('[data-trigger-type="form"]');
    await form.getByRole('link', { name: 'Open form' }).waitFor({ timeout: 15_000 });
    expect(await form.getByTestId('trigger-url').textContent()).toMatch(/\/api\/forms\/[A-Za-z0-9_-]+/);
    await page.getByLabel('Trigger type').selectOption('once');
    await page.getByLabel(/Run at/).fill('2031-01-15T08:30');
    await page.getByRole('button', { name: 'Add trigger' }).click();
    const once = page.locator('[data-trigger-type="once"]');
    await once.getByTestId('next-runs').locator('li').first().waitFor({ timeout: 15_000 });
    // 08:30 in New York is 13:30 UTC in January.
    expect(await once.getByTestId('next-runs').locator('time').first().getAttribute('datetime')).toBe(
      '2031-01-15T13:30:00.000Z',
    );

    // Activate from the panel; after a reload the secret is gone for good, the URL is not.
    await page.getByRole('button', { name: 'Activate workflow' }).click();
    await page.getByTestId('workflow-status').getByText('active').waitFor({ timeout: 15_000 });
    await page.reload();
    await page.locator('[data-trigger-type="webhook"]').getByTestId('trigger-url').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('webhook-secret').count()).toBe(0);
    expect(await page.getByText(secretText).count()).toBe(0);
    expect(await fitsViewportWidth(page)).toBe(true);
    await screenshot(page, 'triggers-panel');

    // The list now shows the workflow's next scheduled run (the earliest of its triggers).
    await page.getByRole('link', { name: '← Workflows' }).click();
    const nextRun = page.locator(`tr[data-workflow-id="${workflowId}"]`).getByTestId('next-run');
    await nextRun.waitFor({ timeout: 15_000 });
    expect(await nextRun.getAttribute('datetime')).toBe(preview.runs[0].at);
    // Chromium logs every 4xx response; the one 400 is the invalid expression sent on purpose.
    expect(consoleErrors).toEqual(['Failed to load resource: the server responded with a status of 400 (Bad Request)']);
  });
});
