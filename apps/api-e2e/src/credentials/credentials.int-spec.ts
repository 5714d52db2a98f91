import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { DataSource } from 'typeorm';
import type { RunningBaton } from '../../../api/src/bootstrap/start-baton';
import { TestApiClient } from '../support/api-client';
import { addMember, setUpOwner, signIn } from '../support/identities';
import { startInProcessBaton } from '../support/in-process-baton';
import { prepareTier, type TierEnvironment } from '../support/test-tiers';

// Issue 12, item 1: the credentials vault over HTTP, and its secrets through real runs.
describe('credentials vault (embedded tier)', () => {
  const TOKEN = `planted-${randomUUID()}`;
  const SMTP_PASSWORD = `smtp-${randomUUID()}`;
  const leakForms = [TOKEN, Buffer.from(TOKEN).toString('base64'), SMTP_PASSWORD];
  let environment: TierEnvironment;
  let baton: RunningBaton;
  let owner: TestApiClient;
  let stub: Server;
  let stubUrl: string;
  const received: IncomingMessage['headers'][] = [];
  let smtpServer: SMTPServer;
  let smtpPort: number;
  const mails: ParsedMail[] = [];
  // Every line the process logs while the suite runs (Nest's logger writes to stdout/stderr).
  const logged: string[] = [];
  const writes = { out: process.stdout.write, err: process.stderr.write };

  beforeAll(async () => {
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      logged.push(String(chunk));
      return writes.out.call(process.stdout, chunk, ...rest);
    }) as typeof process.stdout.write;
    process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      logged.push(String(chunk));
      return writes.err.call(process.stderr, chunk, ...rest);
    }) as typeof process.stderr.write;
    // Echoes the Authorization header back in its body and headers, as a careless API might.
    stub = createServer((req, res) => {
      received.push(req.headers);
      if (req.url === '/page') {
        const signedIn = req.headers.authorization === `Bearer ${TOKEN}`;
        res
          .writeHead(200, { 'content-type': 'text/html' })
          .end(
            `<html><head><title>Orders</title></head><body><h1>${signedIn ? 'Welcome back' : 'Sign in'}</h1>` +
              '<ul><li class="o" data-id="7"><b>Tea</b></li><li class="o" data-id="8"><b>Jam</b></li></ul></body></html>',
          );
        return;
      }
      const status = req.url === '/reject' ? 401 : 200;
      res
        .writeHead(status, { 'content-type': 'application/json', 'x-echo': req.headers.authorization ?? '' })
        .end(JSON.stringify({ youSent: req.headers.authorization, unauthorized: status === 401 }));
    });
    await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
    stubUrl = `http://127.0.0.1:${(stub.address() as AddressInfo).port}`;
    smtpServer = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      logger: false,
      onAuth(auth, _session, callback) {
        if (auth.username === 'relay' && auth.password === SMTP_PASSWORD) callback(null, { user: 'relay' });
        else callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
      },
      onData(stream, _session, callback) {
        simpleParser(stream).then((mail) => {
          mails.push(mail);
          callback();
        }, callback);
      },
    });
    await new Promise<void>((resolve) => smtpServer.listen(0, '127.0.0.1', resolve));
    smtpPort = (smtpServer.server.address() as AddressInfo).port;
    environment = await prepareTier('embedded');
    baton = await startInProcessBaton({
      ...environment.env,
      BATON_ROLE: 'all',
      BATON_LOG_LEVEL: 'debug',
      // Console lines go through process.stdout.write, where this suite reads them.
      BATON_LOG_FORMAT: 'pretty',
    });
    owner = await setUpOwner(new TestApiClient(baton.url));
  });

  afterAll(async () => {
    process.stdout.write = writes.out;
    process.stderr.write = writes.err;
    await baton?.close();
    await environment?.cleanup();
    await new Promise((resolve) => stub?.close(resolve));
    await new Promise<void>((resolve) => (smtpServer ? smtpServer.close(() => resolve()) : resolve()));
  });

  const callGraph = (inputs: Record<string, unknown>) => ({
    nodes: [
      { id: 'start', type: 'trigger.manual', position: { x: 0, y: 0 }, data: { inputs: {} } },
      { id: 'call', type: 'http.request', position: { x: 200, y: 0 }, data: { inputs } },
      { id: 'note', type: 'util.log', position: { x: 400, y: 0 }, data: { inputs: { message: 'vault-run-marker' } } },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'call', sourceHandle: 'out', targetHandle: 'in' },
      { id: 'e2', source: 'call', target: 'note', sourceHandle: 'out', targetHandle: 'in' },
    ],
  });

  it('serves every kind with its JSON Schema, secrets marked write-only', async () => {
    const types = await owner.get('/api/credential-types');
    expect(types.status).toBe(200);
    expect(types.body.map((t: { kind: string }) => t.kind)).toEqual([
      'http.bearer',
      'http.basic',
      'http.header',
      'smtp',
      'openai',
      'sms.twilio',
      'secret',
    ]);
    const smtp = types.body.find((t: { kind: string }) => t.kind === 'smtp');
    expect(smtp.secretFields).toEqual(['password']);
    expect(smtp.schema).toMatchObject({
      type: 'object',
      required: ['host', 'port', 'secure'],
      additionalProperties: false,
      properties: { password: { type: 'string', writeOnly: true }, port: { type: 'integer', default: 587 } },
    });
    const twilio = types.body.find((t: { kind: string }) => t.kind === 'sms.twilio');
    expect(Object.keys(twilio.schema.properties)).toEqual(['accountSid', 'authToken', 'from', 'baseUrl']);
  });

  it('creates, reads, changes and deletes credentials without ever answering a secret', async () => {
    const created = await owner.post('/api/credentials', {
      name: 'Billing',
      kind: 'http.bearer',
      values: { token: TOKEN },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Billing',
      kind: 'http.bearer',
      values: {},
      secretsSet: { token: true },
    });
    expect(JSON.stringify(created.body)).not.toContain(TOKEN);

    const smtp = await owner.post('/api/credentials', { name: 'Mail', kind: 'smtp', values: { host: 'mail.test' } });
    expect(smtp.body).toMatchObject({
      values: { host: 'mail.test', port: 587, secure: false },
      secretsSet: { password: false },
    });
    const changed = await owner.put(`/api/credentials/${smtp.body.id}`, {
      name: 'Mail relay',
      values: { password: 'relay-pass', port: 2525 },
    });
    expect(changed.body).toMatchObject({
      name: 'Mail relay',
      values: { host: 'mail.test', port: 2525, secure: false },
      secretsSet: { password: true },
    });
    // Leaving a secret out keeps it; null clears an optional one.
    const renamed = await owner.put(`/api/credentials/${smtp.body.id}`, { values: { host: 'relay.test' } });
    expect(renamed.body.secretsSet).toEqual({ password: true });
    const cleared = await owner.put(`/api/credentials/${smtp.body.id}`, { values: { password: null } });
    expect(cleared.body.secretsSet).toEqual({ password: false });

    const listed = await owner.get('/api/credentials');
    expect(listed.body.map((c: { name: string }) => c.name)).toEqual(['Billing', 'Mail relay']);
    expect((await owner.get(`/api/credentials/${created.body.id}`)).body.secretsSet).toEqual({ token: true });

    const bad = await owner.post('/api/credentials', {
      name: 'Bad',
      kind: 'smtp',
      values: { host: 'h', port: 0, x: 1 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('values.x is not a field of this kind');
    expect(bad.body.message).toContain('values.port must be >= 1');
    expect((await owner.post('/api/credentials', { name: 'K', kind: 'ftp', values: {} })).status).toBe(400);
    expect(
      (await owner.post('/api/credentials', { name: 'T', kind: 'secret', values: { value: 'ab' } })).body.message,
    ).toBe('values.value must be at least 4 characters');
    const duplicate = await owner.post('/api/credentials', {
      name: 'Billing',
      kind: 'secret',
      values: { value: 'abcd' },
    });
    expect(duplicate.status).toBe(409);
    expect((await owner.put(`/api/credentials/${created.body.id}`, { values: { token: null } })).status).toBe(400);

    expect((await owner.delete(`/api/credentials/${smtp.body.id}`)).status).toBe(204);
    expect((await owner.get(`/api/credentials/${smtp.body.id}`)).status).toBe(404);
    expect((await owner.delete(`/api/credentials/${smtp.body.id}`)).status).toBe(404);
  });

  it('stores secrets sealed: the row holds neither the value nor its base64', async () => {
    const dataSource = baton.app.get(DataSource);
    const rows: Array<{ fields: unknown; secrets: Record<string, string> }> = await dataSource.query(
      `SELECT fields, secrets FROM credentials WHERE name = 'Billing'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].secrets.token).toMatch(/^v1\./);
    for (const form of leakForms) expect(JSON.stringify(rows[0])).not.toContain(form);
  });

  it('lets editors write, shows viewers names and kinds only, and hides other workspaces (404)', async () => {
    const editor = await addMember(owner, 'editor', 'vault-editor@example.test');
    const viewer = await addMember(owner, 'viewer', 'vault-viewer@example.test');
    const made = await editor.post('/api/credentials', {
      name: 'Editor key',
      kind: 'http.header',
      values: { name: 'X-Key', value: 'editor-key' },
    });
    expect(made.status).toBe(201);
    expect((await editor.put(`/api/credentials/${made.body.id}`, { name: 'Editor key 2' })).status).toBe(200);

    const seen = await viewer.get('/api/credentials');
    expect(seen.status).toBe(200);
    for (const entry of seen.body) expect(Object.keys(entry).sort()).toEqual(['id', 'kind', 'name']);
    expect((await viewer.get(`/api/credentials/${made.body.id}`)).body).toEqual({
      id: made.body.id,
      name: 'Editor key 2',
      kind: 'http.header',
    });
    expect(
      (await viewer.post('/api/credentials', { name: 'V', kind: 'secret', values: { value: 'abcd' } })).status,
    ).toBe(403);
    expect((await viewer.put(`/api/credentials/${made.body.id}`, { name: 'V' })).status).toBe(403);
    expect((await viewer.delete(`/api/credentials/${made.body.id}`)).status).toBe(403);

    const workspaceB = await owner.post('/api/workspaces', { name: 'Vault B' });
    const ownerInB = await signIn(
      new TestApiClient(baton.url),
      'owner@example.test',
      'correct horse',
      workspaceB.body.id,
    );
    expect((await ownerInB.get(`/api/credentials/${made.body.id}`)).status).toBe(404);
    expect((await ownerInB.put(`/api/credentials/${made.body.id}`, { name: 'Mine' })).status).toBe(404);
    expect((await ownerInB.delete(`/api/credentials/${made.body.id}`)).status).toBe(404);
    expect((await ownerInB.get('/api/credentials')).body).toEqual([]);
    expect((await editor.delete(`/api/credentials/${made.body.id}`)).status).toBe(204);
  });

  it('sends email.send through an smtp credential to a real SMTP server', async () => {
    const relay = await owner.post('/api/credentials', {
      name: 'Relay',
      kind: 'smtp',
      values: { host: '127.0.0.1', port: smtpPort, secure: false, user: 'relay', password: SMTP_PASSWORD },
    });
    expect(relay.status).toBe(201);
    const mailGraph = (credentialId: string) => ({
      nodes: [
        { id: 'start', type: 'trigger.manual', position: { x: 0, y: 0 }, data: { inputs: {} } },
        {
          id: 'mail',
          type: 'email.send',
          position: { x: 200, y: 0 },
          data: {
            inputs: {
              credentialId,
              from: 'Baton <bot@baton.test>',
              to: '{{ to }}',
              subject: 'Report for {{ name }}',
              text: 'Hi {{ name }}',
              attachments: [{ filename: 'report.csv', content: 'a,b\n1,2\n' }],
            },
          },
        },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'mail', sourceHandle: 'out', targetHandle: 'in' }],
    });
    const sent = await owner.post('/api/workflows/run', {
      format: 'graph',
      definition: mailGraph(relay.body.id),
      input: { to: 'ann@example.test', name: 'Ann' },
      mode: 'immediate',
    });
    expect(sent.body).toMatchObject({ status: 'completed', output: { accepted: ['ann@example.test'], rejected: [] } });
    const mail = mails.at(-1)!;
    expect(mail.subject).toBe('Report for Ann');
    expect(mail.attachments.map((a) => [a.filename, a.content.toString()])).toEqual([['report.csv', 'a,b\n1,2\n']]);
    expect(mail.messageId).toBe(sent.body.output.messageId);

    // A wrong password fails the step permanently (not retried) with nodemailer's EAUTH.
    const wrong = await owner.post('/api/credentials', {
      name: 'Relay with a wrong password',
      kind: 'smtp',
      values: { host: '127.0.0.1', port: smtpPort, secure: false, user: 'relay', password: 'not-the-password' },
    });
    const refused = await owner.post('/api/workflows/run', {
      format: 'graph',
      definition: mailGraph(wrong.body.id),
      input: { to: 'ann@example.test', name: 'Ann' },
      mode: 'immediate',
    });
    expect(refused.body).toMatchObject({ status: 'failed', error: 'EAUTH' });
    expect(mails).toHaveLength(1);
  });

  it('gives http.request the token at run time and keeps it out of outputs, errors, events, history, rows and logs', async () => {
    const credentialId = (await owner.get('/api/credentials')).body.find(
      (c: { name: string }) => c.name === 'Billing',
    ).id;
    const workflow = await owner.post('/api/workflows', {
      name: 'Calls with a token',
      format: 'graph',
      definition: callGraph({ url: `${stubUrl}/echo`, credentialId }),
    });
    expect(workflow.status).toBe(201);
    const ok = await owner.post(`/api/workflows/${workflow.body.id}/execute`, { mode: 'immediate' });
    expect(ok.body).toMatchObject({ status: 'completed' });
    expect(received.at(-1)!.authorization).toBe(`Bearer ${TOKEN}`);
    const okExecution = await owner.get(`/api/executions/${ok.body.executionId}`);
    const call = okExecution.body.steps.find((s: { nodeId: string }) => s.nodeId === 'call');
    expect(call.output).toMatchObject({
      status: 200,
      headers: { 'x-echo': 'Bearer [redacted]' },
      body: { youSent: 'Bearer [redacted]' },
    });

    const failing = await owner.post('/api/workflows/run', {
      format: 'graph',
      definition: callGraph({ url: `${stubUrl}/reject`, credentialId }),
      mode: 'immediate',
    });
    expect(failing.body).toMatchObject({ status: 'failed', error: 'HTTP_401' });
    expect(received.at(-1)!.authorization).toBe(`Bearer ${TOKEN}`);

    // Another workspace's credential is not found at run time; a wrong kind names the kinds.
    const workspaceB = await owner.post('/api/workspaces', { name: 'Vault C' });
    const ownerInB = await signIn(
      new TestApiClient(baton.url),
      'owner@example.test',
      'correct horse',
      workspaceB.body.id,
    );
    const foreign = await ownerInB.post('/api/credentials', {
      name: 'B token',
      kind: 'http.bearer',
      values: { token: 'b-token' },
    });
    const notFound = await owner.post('/api/workflows/run', {
      format: 'graph',
      definition: callGraph({ url: `${stubUrl}/echo`, credentialId: foreign.body.id }),
      mode: 'immediate',
    });
    // Refused before anything runs, like a save (the vault's run-time refusal is in node-library.int-spec).
    expect(notFound.status).toBe(400);
    expect(notFound.body.problems).toEqual([
      {
        path: 'definition.nodes[1].data.inputs.credentialId',
        nodeId: 'call',
        message: `credential "${foreign.body.id}" was not found in this workspace`,
      },
    ]);
    const secret = await owner.post('/api/credentials', {
      name: 'Plain',
      kind: 'secret',
      values: { value: 'plain-secret' },
    });
    const wrongKind = await owner.post('/api/workflows/run', {
      format: 'graph',
      definition: callGraph({ url: `${stubUrl}/echo`, credentialId: secret.body.id }),
      mode: 'immediate',
    });
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body.problems).toEqual([
      expect.objectContaining({
        nodeId: 'call',
        message: `credential "${secret.body.id}" is a secret credential; this node accepts http.bearer, http.basic, http.header`,
      }),
    ]);

    const answers: unknown[] = [ok.body, failing.body, await owner.get(`/api/workflows/${workflow.body.id}`)];
    for (const executionId of [ok.body.executionId, failing.body.executionId]) {
      for (const path of ['', '/logs', '/history'])
        answers.push((await owner.get(`/api/executions/${executionId}${path}`)).body);
    }
    answers.push((await owner.get('/api/executions')).body, (await owner.get('/api/credentials')).body);
    const dataSource = baton.app.get(DataSource);
    const tables: Array<{ table_name: string }> = await dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    const dump: string[] = [];
    for (const { table_name } of tables) {
      const rows: Array<{ row: string }> = await dataSource.query(
        `SELECT row_to_json(t)::text AS row FROM "${table_name}" t`,
      );
      dump.push(...rows.map((r) => r.row));
    }
    // The capture works: the run's own log line is in it.
    expect(logged.join('')).toContain('vault-run-marker');
    const everything = [JSON.stringify(answers), dump.join('\n'), logged.join('')];
    for (const haystack of everything) for (const form of leakForms) expect(haystack).not.toContain(form);
    expect(JSON.stringify(answers)).toContain('[redacted]');
  });

  it('fetches a page with a credential and extracts from it (http.request -> html.extract, html.text)', async () => {
    const credentialId = (await owner.get('/api/credentials')).body.find(
      (c: { name: string }) => c.name === 'Billing',
    ).id;
    const node = (id: string, type: string, inputs: Record<string, unknown>, x: number) => ({
      id,
      type,
      position: { x, y: 0 },
      data: { inputs },
    });
    const definition = {
      nodes: [
        node('start', 'trigger.manual', {}, 0),
        node('page', 'http.request', { url: `${stubUrl}/page`, credentialId }, 200),
        node(
          'orders',
          'html.extract',
          {
            fields: [
              { name: 'heading', selector: 'h1' },
              {
                name: 'orders',
                selector: 'li.o',
                multiple: true,
                fields: [
                  { name: 'id', selector: ':scope', value: 'attribute', attribute: 'data-id' },
                  { name: 'item', selector: 'b' },
                ],
              },
            ],
          },
          400,
        ),
        node('text', 'html.text', { html: '{{ $nodes.page.body }}' }, 400),
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'page', sourceHandle: 'out', targetHandle: 'in' },
        { id: 'e2', source: 'page', target: 'orders', sourceHandle: 'out', targetHandle: 'in' },
        { id: 'e3', source: 'page', target: 'text', sourceHandle: 'out', targetHandle: 'in' },
      ],
    };
    const run = await owner.post('/api/workflows/run', { format: 'graph', definition, mode: 'immediate' });
    expect(run.body).toMatchObject({ status: 'completed' });
    const execution = await owner.get(`/api/executions/${run.body.executionId}`);
    const output = (nodeId: string) => execution.body.steps.find((s: { nodeId: string }) => s.nodeId === nodeId).output;
    expect(output('orders')).toEqual({
      heading: 'Welcome back',
      orders: [
        { id: '7', item: 'Tea' },
        { id: '8', item: 'Jam' },
      ],
    });
    expect(output('text')).toEqual({ title: 'Orders', text: 'Welcome back\n\nTea\n\nJam', truncated: false });
  });

  it('lists accepted credential kinds and output schemas in the node catalogue', async () => {
    const nodes = await owner.get('/api/nodes');
    const http = nodes.body.find((n: { type: string }) => n.type === 'http.request');
    expect(http.credentialKinds).toEqual(['http.bearer', 'http.basic', 'http.header']);
    expect(http.settingsSchema.properties.credentialId).toMatchObject({ type: 'string', format: 'credential' });
    expect(http.outputSchema).toMatchObject({ type: 'object', required: ['status', 'headers', 'body'] });
    const byType = (type: string) => nodes.body.find((n: { type: string }) => n.type === type);
    expect(byType('email.send')).toMatchObject({ credentialKinds: ['smtp'], replaySafe: false, group: 'action' });
    expect(byType('email.send').settingsSchema.required).toEqual(['credentialId', 'from', 'to', 'subject']);
    expect(byType('html.extract')).toMatchObject({ group: 'data', settingsSchema: { required: ['fields'] } });
    expect(byType('html.text').outputSchema).toMatchObject({ required: ['text', 'title', 'truncated'] });
  });
});
