import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  classifyError,
  type NodeCredentials,
  PermanentError,
  type ResolvedCredential,
  runNodeForTest,
  TransientError,
} from '@baton/engine';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { httpRequestNode } from './request.node.js';

interface Seen {
  method?: string;
  url?: string;
  headers: IncomingMessage['headers'];
  body: string;
}

describe('http.request', () => {
  let server: Server;
  let base: string;
  const seen: Seen[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, headers: req.headers, body });
        if (req.url?.startsWith('/json')) {
          res
            .writeHead(200, { 'content-type': 'application/json' })
            .end(JSON.stringify({ echo: body ? JSON.parse(body) : null }));
        } else if (req.url === '/text') res.writeHead(200, { 'content-type': 'text/plain' }).end('hello');
        else if (req.url === '/busy') res.writeHead(503).end('try later');
        else if (req.url === '/missing') res.writeHead(404).end('nope');
        else if (req.url === '/hang') setTimeout(() => res.end('late'), 2000).unref();
        else res.writeHead(500).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends a JSON body with query and idempotency key and parses the JSON response', async () => {
    const { result } = await runNodeForTest(
      httpRequestNode,
      { id: 7 },
      {
        url: `${base}/json/{{ id }}`,
        method: 'POST',
        query: { verbose: true },
        body: { id: '{{ id }}' },
      },
    );
    expect(result.output).toMatchObject({ status: 200, body: { echo: { id: 7 } } });
    expect(seen.at(-1)).toMatchObject({ method: 'POST', url: '/json/7?verbose=true', body: '{"id":7}' });
    expect(seen.at(-1)!.headers['idempotency-key']).toBe('exec-1:node:1');
    expect(seen.at(-1)!.headers['content-type']).toBe('application/json');
  });

  it('returns text bodies as strings', async () => {
    const { result } = await runNodeForTest(httpRequestNode, null, { url: `${base}/text` });
    expect(result.output).toMatchObject({ status: 200, body: 'hello', headers: { 'content-type': 'text/plain' } });
  });

  it('fails retryably on 5xx and permanently on 4xx', async () => {
    const busy = await runNodeForTest(httpRequestNode, null, { url: `${base}/busy` }).catch(classifyError);
    expect(busy).toBeInstanceOf(TransientError);
    expect((busy as TransientError).code).toBe('HTTP_503');
    const missing = await runNodeForTest(httpRequestNode, null, { url: `${base}/missing` }).catch(classifyError);
    expect(missing).toBeInstanceOf(PermanentError);
    expect((missing as PermanentError).code).toBe('HTTP_404');
  });

  it('outputs error statuses when failOnStatus is false', async () => {
    const { result } = await runNodeForTest(httpRequestNode, null, { url: `${base}/missing`, failOnStatus: false });
    expect(result.output).toMatchObject({ status: 404, body: 'nope' });
  });

  it('times out with a retryable timeout', async () => {
    const error = await runNodeForTest(httpRequestNode, null, { url: `${base}/hang`, timeoutMs: 50 }).catch(
      classifyError,
    );
    expect(error).toMatchObject({
      code: 'NODE_TIMEOUT',
      retryable: true,
      message: `GET ${base}/hang did not answer within 50 ms`,
    });
  });

  it('stops when the step is cancelled', async () => {
    const controller = new AbortController();
    const pending = runNodeForTest(
      httpRequestNode,
      null,
      { url: `${base}/hang` },
      { ctx: { signal: controller.signal } },
    );
    controller.abort(new Error('cancelled'));
    await expect(pending).rejects.toThrow('cancelled');
  });

  describe('with a credential', () => {
    const stored: ResolvedCredential[] = [
      { id: 'bearer', kind: 'http.bearer', name: 'b', values: { token: 't0ken' } },
      { id: 'basic', kind: 'http.basic', name: 'u', values: { username: 'ann', password: 'pa:ss' } },
      { id: 'header', kind: 'http.header', name: 'h', values: { name: 'X-Api-Key', value: 'k3y' } },
      { id: 'smtp', kind: 'smtp', name: 's', values: { host: 'mail', port: 25, secure: false } },
    ];
    // The shape the API binds (bind-node-credentials.ts), over an in-memory list.
    const credentials: NodeCredentials = {
      get: async (id, kinds) => {
        const found = stored.find((c) => c.id === id);
        if (!found) throw new PermanentError(`Credential ${id} was not found`, 'CREDENTIAL_NOT_FOUND');
        if (!([] as string[]).concat(kinds).includes(found.kind))
          throw new PermanentError('wrong kind', 'CREDENTIAL_KIND_MISMATCH');
        return found as never;
      },
    };
    const send = (credentialId: string, headers: Record<string, string> = {}) =>
      runNodeForTest(httpRequestNode, null, { url: `${base}/text`, credentialId, headers }, { ctx: { credentials } });

    it('sends a bearer token, basic auth or a custom header, replacing a same-named header', async () => {
      await send('bearer', { Authorization: 'Bearer from-settings' });
      expect(seen.at(-1)!.headers['authorization']).toBe('Bearer t0ken');
      await send('basic');
      expect(seen.at(-1)!.headers['authorization']).toBe(`Basic ${Buffer.from('ann:pa:ss').toString('base64')}`);
      await send('header');
      expect(seen.at(-1)!.headers['x-api-key']).toBe('k3y');
    });

    it('refuses a credential of a kind it does not accept, or no vault at all', async () => {
      await expect(send('smtp')).rejects.toMatchObject({ code: 'CREDENTIAL_KIND_MISMATCH' });
      await expect(
        runNodeForTest(httpRequestNode, null, { url: `${base}/text`, credentialId: 'bearer' }),
      ).rejects.toMatchObject({ code: 'CREDENTIALS_UNAVAILABLE' });
    });
  });

  it('rejects non-http URLs as invalid input', async () => {
    await expect(runNodeForTest(httpRequestNode, null, { url: 'file:///etc/passwd' })).rejects.toMatchObject({
      code: 'INVALID_URL',
    });
  });
});
