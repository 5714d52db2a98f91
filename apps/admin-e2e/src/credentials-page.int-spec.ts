import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eventually } from '../../api-e2e/src/support/api-client';
import { addMember } from '../../api-e2e/src/support/identities';
import { openPage, screenshot, signIn, startConsoleSession, type ConsoleSession } from './console-session';
import { formValues, recordApiResponses } from './record-api-responses';

const planted = (label: string) => `${label}-${randomBytes(12).toString('hex')}`;

/**
 * Issue 12, item 10: the credentials page (forms generated from each kind's schema, secrets
 * write-only) and the editor's credential picker. A node that uses the credential runs against a
 * local server, which proves the secret typed in the console is the one stored, while neither the
 * DOM nor any API response the page received ever holds it.
 */
describe('credentials in Chromium', () => {
  let session: ConsoleSession;
  let site: Server;
  let siteUrl: string;
  const received: IncomingHttpHeaders[] = [];

  beforeAll(async () => {
    session = await startConsoleSession();
    site = createServer((req, res) => {
      received.push(req.headers);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    // Dual-stack: `localhost` (on the tier's HTTP allow list) may resolve to ::1 or 127.0.0.1.
    await new Promise<void>((resolve) => site.listen(0, '::', resolve));
    siteUrl = `http://localhost:${(site.address() as AddressInfo).port}/hook`;
  });

  afterAll(async () => {
    if (site) {
      site.closeAllConnections();
      await new Promise((resolve) => site.close(resolve));
    }
    await session?.close();
  });

  /** Runs a one-request workflow using the credential; resolves the Authorization header the site saw. */
  async function authorizationSentWith(credentialId: string): Promise<string | undefined> {
    const created = await session.api.post('/api/workflows', {
      name: `Calls with ${credentialId.slice(0, 8)}`,
      format: 'graph',
      definition: {
        nodes: [
          { id: 'start', type: 'trigger.manual', position: { x: 0, y: 0 }, data: { inputs: {} } },
          {
            id: 'call',
            type: 'http.request',
            position: { x: 300, y: 0 },
            data: { inputs: { url: siteUrl, credentialId } },
          },
        ],
        edges: [{ id: 'e1', source: 'start', target: 'call', sourceHandle: 'out', targetHandle: 'in' }],
      },
    });
    expect(created.status).toBe(201);
    const before = received.length;
    const started = await session.api.post(`/api/workflows/${created.body.id}/execute`, { input: {}, mode: 'queued' });
    expect(started.status).toBe(201);
    const execution = await eventually(async () => {
      const response = await session.api.get(`/api/executions/${started.body.executionId}`);
      return ['completed', 'failed'].includes(response.body.status) ? response.body : undefined;
    });
    expect(execution.status).toBe('completed');
    return received.slice(before).at(-1)?.authorization;
  }

  it("creates, edits and deletes credentials through forms generated from each kind's schema; secrets never come back", async () => {
    const firstToken = planted('first-token');
    const secondToken = planted('second-token');
    const mailPassword = planted('mail-password');
    const { page, consoleErrors } = await openPage(session);
    const api = recordApiResponses(page);
    await signIn(page, session.baton.url, '/credentials');
    await page.getByText('No credentials yet').waitFor({ timeout: 15_000 });

    // A bearer token: the kind's one field is a secret, typed into a password input.
    await page.getByRole('button', { name: 'New credential' }).click();
    let form = page.getByRole('form', { name: 'New credential' });
    await form.getByLabel('Kind').selectOption({ label: 'HTTP bearer token' });
    await form.getByLabel('Name').fill('Billing API');
    expect(await form.getByLabel('Token').getAttribute('type')).toBe('password');
    await form.getByLabel('Token').fill(firstToken);
    await form.getByRole('button', { name: 'Create credential' }).click();
    const billing = page.locator('tr', { hasText: 'Billing API' });
    await billing.getByText('token: set').waitFor({ timeout: 15_000 });

    // SMTP: text, integer (with its schema default), boolean and secret fields, all from the schema.
    await page.getByRole('button', { name: 'New credential' }).click();
    form = page.getByRole('form', { name: 'New credential' });
    await form.getByLabel('Kind').selectOption({ label: 'SMTP server' });
    expect(await form.getByLabel('Port').inputValue()).toBe('587');
    await form.getByLabel('Name').fill('Mail relay');
    await form.getByLabel('Host').fill('smtp.example.test');
    await form.getByLabel('Port').fill('2525');
    await form.getByLabel('TLS from the start').check();
    await form.getByLabel('User').fill('mailer');
    await form.getByLabel('Password').fill(mailPassword);
    await screenshot(page, 'credentials-new-smtp');
    await form.getByRole('button', { name: 'Create credential' }).click();
    const relay = page.locator('tr', { hasText: 'Mail relay' });
    await relay.getByText('password: set').waitFor({ timeout: 15_000 });
    const stored = (await session.api.get('/api/credentials')).body as Array<Record<string, any>>;
    expect(stored.find((c) => c.name === 'Mail relay')).toMatchObject({
      kind: 'smtp',
      values: { host: 'smtp.example.test', port: 2525, secure: true, user: 'mailer' },
      secretsSet: { password: true },
    });

    // A second credential of the same name is refused with the API's reason, beside the form.
    await page.getByRole('button', { name: 'New credential' }).click();
    form = page.getByRole('form', { name: 'New credential' });
    await form.getByLabel('Name').fill('Billing API');
    await form.getByLabel('Kind').selectOption({ label: 'Secret' });
    await form.getByLabel('Value').fill(planted('unused'));
    await form.getByRole('button', { name: 'Create credential' }).click();
    await form.getByTestId('credential-form-error').getByText('already exists').waitFor({ timeout: 15_000 });
    await form.getByRole('button', { name: 'Cancel' }).click();

    // Editing shows that the token is set, not what it is; replacing it is a deliberate step.
    await billing.getByRole('button', { name: 'Edit Billing API' }).click();
    form = page.getByRole('form', { name: 'Edit credential' });
    await form.getByTestId('secret-state').getByText('set', { exact: true }).waitFor();
    expect(await form.locator('input[type="password"]').count()).toBe(0);
    await form.getByRole('button', { name: 'Replace Token' }).click();
    await form.getByLabel('Token').fill(secondToken);
    await form.getByLabel('Name').fill('Billing API v2');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await page.locator('tr', { hasText: 'Billing API v2' }).getByText('token: set').waitFor({ timeout: 15_000 });
    await screenshot(page, 'credentials-list');

    // An optional secret can be cleared on purpose (SMTP without authentication).
    await relay.getByRole('button', { name: 'Edit Mail relay' }).click();
    form = page.getByRole('form', { name: 'Edit credential' });
    await form.getByRole('button', { name: 'Clear Password' }).click();
    await form.getByTestId('secret-state').getByText('cleared on save').waitFor();
    await form.getByRole('button', { name: 'Save changes' }).click();
    await relay.getByText('password: not set').waitFor({ timeout: 15_000 });
    const cleared = (await session.api.get('/api/credentials')).body as Array<Record<string, any>>;
    expect(cleared.find((c) => c.name === 'Mail relay')).toMatchObject({
      values: { host: 'smtp.example.test', port: 2525, secure: true, user: 'mailer' },
      secretsSet: { password: false },
    });

    // Delete asks first; the row and the stored credential go.
    await relay.getByRole('button', { name: 'Delete Mail relay' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete the credential “Mail relay”?' });
    await dialog.getByRole('button', { name: 'Delete credential' }).click();
    await relay.waitFor({ state: 'detached', timeout: 15_000 });
    const left = (await session.api.get('/api/credentials')).body as Array<Record<string, any>>;
    expect(left.map((c) => c.name)).toEqual(['Billing API v2']);

    // The replaced token is what a node now sends.
    expect(await authorizationSentWith(left[0]!.id)).toBe(`Bearer ${secondToken}`);

    // Nowhere in the page or in what the API answered it.
    const html = await page.content();
    const values = await formValues(page);
    const bodies = await api.bodies();
    expect(api.paths).toEqual(
      expect.arrayContaining(['GET /api/credential-types', 'PUT /api/credentials/' + left[0]!.id]),
    );
    expect(bodies.some((body) => body.includes('"secretsSet"'))).toBe(true);
    for (const secret of [firstToken, secondToken, mailPassword]) {
      expect(html).not.toContain(secret);
      expect(values.filter((value) => value.includes(secret))).toEqual([]);
      expect(bodies.filter((body) => body.includes(secret))).toEqual([]);
    }
    expect(consoleErrors).toEqual(['Failed to load resource: the server responded with a status of 409 (Conflict)']);
  });

  it('offers only the credentials a node type accepts in its properties panel and saves the choice', async () => {
    const token = planted('picker-token');
    const bearer = await session.api.post('/api/credentials', {
      name: 'Picker bearer',
      kind: 'http.bearer',
      values: { token },
    });
    expect(bearer.status).toBe(201);
    const mail = await session.api.post('/api/credentials', {
      name: 'Picker mail',
      kind: 'smtp',
      values: { host: 'smtp.example.test', port: 25, secure: false },
    });
    expect(mail.status).toBe(201);
    const workflow = await session.api.post('/api/workflows', {
      name: 'Picks a credential',
      format: 'graph',
      definition: {
        nodes: [
          { id: 'start', type: 'trigger.manual', position: { x: 40, y: 80 }, data: { inputs: {} } },
          { id: 'call', type: 'http.request', position: { x: 340, y: 80 }, data: { inputs: { url: siteUrl } } },
        ],
        edges: [{ id: 'e1', source: 'start', target: 'call', sourceHandle: 'out', targetHandle: 'in' }],
      },
    });
    expect(workflow.status).toBe(201);

    const { page, consoleErrors } = await openPage(session);
    const api = recordApiResponses(page);
    await signIn(page, session.baton.url, `/workflows/${workflow.body.id}`);
    await page.locator('[data-node-id="call"]').click({ timeout: 15_000 });
    const picker = page.getByLabel('credentialId');
    await picker.waitFor();
    await page
      .getByTestId('credential-picker-hint')
      .getByText('Accepts http.bearer or http.basic or http.header')
      .waitFor();
    const offered = await picker.locator('option').allTextContents();
    expect(offered).toContain('Picker bearer (http.bearer)');
    expect(offered.some((label) => label.startsWith('Picker mail'))).toBe(false);
    await picker.selectOption({ label: 'Picker bearer (http.bearer)' });
    await screenshot(page, 'credential-picker');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await eventually(async () => {
      const saved = (await session.api.get(`/api/workflows/${workflow.body.id}`)).body;
      const call = saved.definition.nodes.find((node: { id: string }) => node.id === 'call');
      return call?.data.inputs.credentialId === bearer.body.id ? call : undefined;
    });

    const bodies = await api.bodies();
    expect(bodies.filter((body) => body.includes(token))).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it('shows a viewer the names and kinds only, with nothing to create, edit or delete', async () => {
    const named = await session.api.post('/api/credentials', {
      name: 'Shared relay',
      kind: 'smtp',
      values: { host: 'smtp.example.test', port: 25, secure: false, user: 'relay-user' },
    });
    expect(named.status).toBe(201);
    await addMember(session.api, 'viewer', 'viewer@example.test');

    const { page, consoleErrors } = await openPage(session);
    const api = recordApiResponses(page);
    await page.goto(`${session.baton.url}/sign-in?returnUrl=${encodeURIComponent('/credentials')}`);
    await page.getByLabel('Email').fill('viewer@example.test');
    await page.getByLabel('Password').fill('member password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const row = page.locator(`tr[data-credential-id="${named.body.id}"]`);
    await row.getByText('Shared relay').waitFor({ timeout: 15_000 });
    expect(await row.textContent()).toContain('SMTP server');
    expect(await row.getByRole('button').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'New credential' }).count()).toBe(0);
    // A viewer's API answers carry no values at all, not even the non-secret ones.
    const bodies = await api.bodies();
    expect(bodies.some((body) => body.includes('Shared relay'))).toBe(true);
    expect(bodies.filter((body) => body.includes('relay-user'))).toEqual([]);
    expect(await page.content()).not.toContain('relay-user');
    expect(consoleErrors).toEqual([]);
  });
});
