import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sampleGraph } from '../../api-e2e/src/support/identities';
import { openPage, screenshot, signIn, startConsoleSession, type ConsoleSession } from './console-session';

/** Issue 16, item 7: every trigger type's settings are edited in place (webhook, form, cron catch-up). */
describe('trigger settings in Chromium', () => {
  let session: ConsoleSession;

  beforeAll(async () => {
    session = await startConsoleSession();
  });

  afterAll(async () => {
    await session?.close();
  });

  it("edits a webhook's methods, response, rate limit and signing, a form's title, fields and thanks, and a schedule's catch-up", async () => {
    const created = await session.api.post('/api/workflows', {
      name: 'Intake',
      format: 'graph',
      definition: sampleGraph(),
    });
    expect(created.status).toBe(201);
    const workflowId: string = created.body.id;
    const add = async (body: Record<string, unknown>) => {
      const response = await session.api.post(`/api/workflows/${workflowId}/triggers`, body);
      expect(response.status).toBe(201);
      return response.body as Record<string, any>;
    };
    const webhook = await add({ type: 'webhook' });
    const form = await add({
      type: 'form',
      fields: [{ name: 'email', label: 'Email', type: 'email', required: true }],
    });
    const cron = await add({ type: 'cron', expression: '0 9 * * *', timezone: 'UTC' });
    const read = async (id: string) => (await session.api.get(`/api/triggers/${id}`)).body as Record<string, any>;

    const { page, consoleErrors } = await openPage(session);
    await signIn(page, session.baton.url, `/workflows/${workflowId}/triggers`);

    // Webhook: two methods, wait for the output, 30 a minute, signed; the URL stays, the secret shows once.
    const webhookItem = page.locator(`[data-trigger-id="${webhook.id}"]`);
    await webhookItem.getByRole('button', { name: 'Edit webhook trigger' }).click({ timeout: 15_000 });
    const webhookForm = webhookItem.getByRole('form', { name: 'Edit webhook trigger' });
    await webhookForm.getByLabel('GET').check();
    await webhookForm.getByLabel('Response').selectOption('sync');
    await webhookForm.getByLabel('Requests per minute').fill('30');
    await webhookForm.getByLabel('Require an HMAC-SHA256 signature').check();
    await webhookForm.getByText('A new signing secret is shown once').waitFor();
    await screenshot(page, 'trigger-webhook-edit');
    await webhookForm.getByRole('button', { name: 'Save webhook' }).click();
    await page.getByTestId('webhook-secret').waitFor({ timeout: 15_000 });
    await webhookItem.getByText('signed (HMAC-SHA256)').waitFor();
    expect(await read(webhook.id)).toMatchObject({
      methods: ['GET', 'POST'],
      responseMode: 'sync',
      rateLimitPerMinute: 30,
      signed: true,
      url: webhook.url,
    });

    // Emptying the rate limit returns it to the server default.
    await webhookItem.getByRole('button', { name: 'Edit webhook trigger' }).click();
    await webhookForm.getByLabel('Requests per minute').fill('');
    await webhookForm.getByRole('button', { name: 'Save webhook' }).click();
    await webhookForm.waitFor({ state: 'detached', timeout: 15_000 });
    expect((await read(webhook.id)).rateLimitPerMinute).toBeUndefined();

    // Form: bad JSON is caught before sending; then a title, a second field and a thank-you.
    const formItem = page.locator(`[data-trigger-id="${form.id}"]`);
    await formItem.getByRole('button', { name: 'Edit form trigger' }).click();
    const formForm = formItem.getByRole('form', { name: 'Edit form trigger' });
    await formForm.getByLabel('Fields (JSON)').fill('[{"name": ');
    await formForm.getByRole('button', { name: 'Save form' }).click();
    await formForm.getByRole('alert').getByText('not valid JSON').waitFor();
    await formForm.getByLabel('Form title').fill('Contact us');
    await formForm.getByLabel('Fields (JSON)').fill(
      JSON.stringify([
        { name: 'email', label: 'Email', type: 'email', required: true },
        { name: 'note', label: 'Your note', type: 'textarea' },
      ]),
    );
    await formForm.getByLabel('Thank-you message').fill('We will write back.');
    await formForm.getByLabel('After a submission, show').selectOption('status-page');
    await formForm.getByRole('button', { name: 'Save form' }).click();
    await formItem.getByRole('heading').getByText('Form: Contact us').waitFor({ timeout: 15_000 });
    expect(await read(form.id)).toMatchObject({
      title: 'Contact us',
      thankYou: 'We will write back.',
      response: 'status-page',
      url: form.url,
      fields: [{ name: 'email' }, { name: 'note', label: 'Your note' }],
    });
    // The public page at the same URL (served while the workflow is active) shows the new title and field.
    expect((await session.api.post(`/api/workflows/${workflowId}/activate`, {})).status).toBeLessThan(300);
    const { page: publicForm } = await openPage(session);
    await publicForm.goto(form.url);
    await publicForm.getByText('Contact us').first().waitFor({ timeout: 15_000 });
    await publicForm.getByLabel('Your note').waitFor();
    // A submission now answers with the job's status page (issue 13, item 4).
    await publicForm.getByLabel('Email').fill('ada@example.com');
    await publicForm.getByRole('button', { name: 'Submit' }).click();
    await publicForm
      .getByRole('status')
      .getByText(/^(Queued|Running|Completed):/)
      .waitFor({ timeout: 15_000 });
    await publicForm.close();

    // Schedule: the catch-up policy is one of its settings too.
    const cronItem = page.locator(`[data-trigger-id="${cron.id}"]`);
    await cronItem.getByRole('button', { name: 'Edit cron trigger' }).click();
    await cronItem.getByLabel('Missed runs').selectOption('latest');
    await cronItem.getByRole('button', { name: 'Save schedule' }).click();
    await cronItem.getByText('missed runs: latest').waitFor({ timeout: 15_000 });
    expect(await read(cron.id)).toMatchObject({ expression: '0 9 * * *', catchUp: 'latest' });
    expect(consoleErrors).toEqual([]);
  });
});
