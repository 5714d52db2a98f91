import { doublingGraph } from '../support/graphs';
import { startEmbeddedOwnerBaton, type EmbeddedOwnerBaton } from '../support/embedded-owner-baton';

// Issue 11 (Medium 6): inputs that used to reach PostgreSQL and come back as 500s (or as 400s
// quoting PostgreSQL) are refused up front with a 4xx naming the field.
const DATABASE_TEXT = /QueryFailedError|invalid input syntax|syntax error at|violates|\bat \/|node_modules/i;

describe('hostile input (embedded tier)', () => {
  let app: EmbeddedOwnerBaton;
  let hookPath: string;
  let workflowId: string;

  beforeAll(async () => {
    app = await startEmbeddedOwnerBaton();
    const workflow = await app.owner.post('/api/workflows', {
      name: 'Target',
      format: 'graph',
      status: 'active',
      definition: doublingGraph(),
    });
    workflowId = workflow.body.id;
    const hook = await app.owner.post(`/api/workflows/${workflowId}/triggers`, { type: 'webhook' });
    hookPath = new URL(hook.body.url).pathname;
  });
  afterAll(async () => {
    await app?.close();
  });

  /** Sends raw text (so escapes reach the server as written) and checks the answer is a clean 4xx. */
  async function expectClean4xx(
    method: string,
    path: string,
    body?: string,
    options: { auth?: boolean; field?: RegExp } = {},
  ): Promise<void> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const response = await app.owner.request(method, path, body, headers);
    const anonymous = options.auth === false;
    const answer = anonymous
      ? await fetch(`${app.baton.url}${path}`, { method, headers, body }).then(async (r) => ({
          status: r.status,
          body: await r.text(),
        }))
      : { status: response.status, body: JSON.stringify(response.body) };
    expect({ path, status: answer.status }).toEqual({ path, status: expect.any(Number) });
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expect(answer.body).not.toMatch(DATABASE_TEXT);
    if (options.field) expect(answer.body).toMatch(options.field);
  }

  it('refuses NUL bytes and deep nesting from anonymous callers', async () => {
    await expectClean4xx('POST', hookPath, '{"a":"x\\u0000y"}', { auth: false, field: /body\.a/ });
    await expectClean4xx('POST', `${hookPath}?q=%00`, '{}', { auth: false, field: /query\.q/ });
    await expectClean4xx('GET', '/api/forms/abcdef%00', undefined, { auth: false });
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    await expectClean4xx('POST', '/api/auth/login', deep, { auth: false });
    await expectClean4xx('POST', hookPath, deep, { auth: false });
    await expectClean4xx('POST', '/api/auth/login', `{"email":"a@b.co","password":"x\\u0000"}`, { auth: false });
  });

  it('refuses cursors PostgreSQL could not read and version numbers beyond an int', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    for (const instant of ['0000-01-01T00:00:00.000Z', '+275760-09-13T00:00:00.000Z', '2026-02-30T00:00:00.000Z']) {
      const cursor = Buffer.from(`${instant}|${id}`).toString('base64url');
      await expectClean4xx('GET', `/api/workflows?cursor=${cursor}`, undefined, { field: /cursor/ });
      await expectClean4xx('GET', `/api/executions?cursor=${cursor}`, undefined, { field: /cursor/ });
    }
    await expectClean4xx('GET', `/api/workflows/${workflowId}/versions/2147483648`, undefined, { field: /\bn\b/ });
    await expectClean4xx('GET', `/api/workflows/${workflowId}/versions/99999999999999999999`);
  });

  it('refuses NUL bytes and lone surrogates in queries, names and inputs, naming the field', async () => {
    await expectClean4xx('GET', '/api/workflows?tag=a%00b', undefined, { field: /query\.tag/ });
    await expectClean4xx('GET', '/api/workflows?search=a%00b', undefined, { field: /query\.search/ });
    await expectClean4xx(
      'POST',
      '/api/workflows',
      JSON.stringify({ name: 'x', format: 'graph', definition: doublingGraph(), tags: ['ok', 'b\u0000d'] }),
      { field: /body\.tags\[1\]/ },
    );
    await expectClean4xx('POST', '/api/workspaces', '{"name":"evil\\u0000"}', { field: /body\.name/ });
    await expectClean4xx('POST', `/api/workflows/${workflowId}/execute`, '{"input":{"v":"\\ud800"}}', {
      field: /body\.input\.v/,
    });
    await expectClean4xx('POST', `/api/workflows/${workflowId}/execute`, '{"input":{"\\udc00":1}}', {
      field: /body\.input/,
    });
    // Well-formed pairs are fine.
    const fine = await app.owner.request(
      'POST',
      `/api/workflows/${workflowId}/execute`,
      '{"input":{"value":2,"emoji":"\\ud83d\\ude00"},"mode":"immediate"}',
      { 'content-type': 'application/json' },
    );
    expect(fine.status).toBe(201);
  });
});
