import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually } from '../../api-e2e/src/support/api-client';
import { sampleGraph } from '../../api-e2e/src/support/identities';
import { openPage, screenshot, signIn, startConsoleSession, type ConsoleSession } from './console-session';

/** Changing a trigger after it exists: its schedule, switching it off, and the runs it started. */
describe('trigger editing in Chromium', () => {
  let session: ConsoleSession;

  beforeAll(async () => {
    session = await startConsoleSession();
  });

  afterAll(async () => {
    await session?.close();
  });

  it("edits a cron trigger's expression, disables it, and lists a one-time trigger's run with a link to its execution", async () => {
    const created = await session.api.post('/api/workflows', {
      name: 'Reports',
      format: 'graph',
      definition: sampleGraph(),
    });
    expect(created.status).toBe(201);
    const workflowId: string = created.body.id;
    const cron = await session.api.post(`/api/workflows/${workflowId}/triggers`, {
      type: 'cron',
      expression: '0 9 * * *',
      timezone: 'Europe/Berlin',
    });
    expect(cron.status).toBe(201);
    // A one-time trigger due in a moment, on an active workflow, gives the run list something to show.
    const once = await session.api.post(`/api/workflows/${workflowId}/triggers`, {
      type: 'once',
      at: new Date(Date.now() + 1_500).toISOString(),
    });
    expect(once.status).toBe(201);
    expect((await session.api.post(`/api/workflows/${workflowId}/activate`, {})).status).toBeLessThan(300);

    const { page, consoleErrors } = await openPage(session, { timezoneId: 'UTC', locale: 'en-GB' });
    await signIn(page, session.baton.url, `/workflows/${workflowId}/triggers`);
    const cronItem = page.locator('[data-trigger-type="cron"]');
    await cronItem.waitFor({ timeout: 15_000 });

    // Edit the schedule: the heading, the API and the next runs follow.
    await cronItem.getByRole('button', { name: 'Edit cron trigger' }).click();
    await cronItem.getByLabel('Cron expression').fill('30 6 * * 1');
    await cronItem.getByRole('button', { name: 'Save schedule' }).click();
    await cronItem.getByRole('heading').getByText('30 6 * * 1').waitFor({ timeout: 15_000 });
    const saved = (await session.api.get(`/api/triggers/${cron.body.id}`)).body;
    expect(saved).toMatchObject({ expression: '30 6 * * 1', timezone: 'Europe/Berlin', enabled: true });
    const firstRun = await cronItem.getByTestId('next-runs').locator('time').first().getAttribute('datetime');
    expect(new Date(firstRun!).getUTCDay()).toBe(1);
    await screenshot(page, 'trigger-cron-edited');

    // Disable: badge shown, the API agrees, and the button offers to enable again.
    await cronItem.getByRole('button', { name: 'Disable cron trigger' }).click();
    await cronItem.getByText('disabled', { exact: true }).waitFor({ timeout: 15_000 });
    await cronItem.getByRole('button', { name: 'Enable cron trigger' }).waitFor();
    expect((await session.api.get(`/api/triggers/${cron.body.id}`)).body.enabled).toBe(false);

    // The one-time trigger's run, linked to the execution it started.
    await eventually(
      async () => ((await session.api.get(`/api/triggers/${once.body.id}/runs`)).body as unknown[]).length > 0,
      30_000,
      250,
    );
    const onceItem = page.locator('[data-trigger-type="once"]');
    await onceItem.getByRole('button', { name: 'Runs of the once trigger' }).click();
    const link = onceItem.getByTestId('trigger-runs').getByRole('link', { name: /^execution / });
    await link.waitFor({ timeout: 15_000 });
    await screenshot(page, 'trigger-disabled-and-runs');
    await link.click();
    await page.waitForURL(/\/executions\/[0-9a-f-]{36}$/, { timeout: 15_000 });
    await page.getByTestId('execution-status').waitFor({ timeout: 15_000 });
    expect(consoleErrors).toEqual([]);
  });
});
