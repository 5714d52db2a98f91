import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import {
  classifyError,
  type NodeCredentials,
  PermanentError,
  runNodeForTest,
  signWebhookPayload,
  TransientError,
} from '@baton/engine';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { webhookSendNode } from './send.node.js';

interface Received {
  url?: string;
  headers: IncomingMessage['headers'];
  body: string;
}

describe('webhook.send', () => {
  let server: Server;
  let base: string;
  const received: Received[] = [];
  const secret = 'whsec-signing-secret-1';
  const credentials: NodeCredentials = {
    get: async (id, kinds) => {
      expect(kinds).toBe('secret');
      if (id !== 'sig-1') throw new PermanentError(`Credential ${id} was not found`, 'CREDENTIAL_NOT_FOUND');
      return { id, kind: 'secret', name: 'Signing', values: { value: secret } } as never;
    },
  };

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({ url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString() });
        if (req.url === '/busy') return res.writeHead(503).end('later');
        if (req.url === '/gone') return res.writeHead(410).end('gone');
        res.writeHead(202, { 'content-type': 'application/json' }).end('{"accepted":true}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  beforeEach(() => void received.splice(0));
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const send = (data: unknown, inputs: Record<string, unknown>) =>
    runNodeForTest(webhookSendNode, data, inputs, { ctx: { credentials } });

  it('POSTs the input as JSON with the idempotency key and no signature by default', async () => {
    const { result } = await send({ order: 42 }, { url: `${base}/hook`, headers: { 'x-source': 'baton' } });
    expect(result.output).toMatchObject({ status: 202, body: { accepted: true } });
    const [call] = received;
    expect(call.body).toBe('{"order":42}');
    expect(call.headers).toMatchObject({
      'content-type': 'application/json',
      'idempotency-key': 'exec-1:node:1',
      'x-source': 'baton',
    });
    expect(call.headers['x-baton-signature']).toBeUndefined();
  });

  it('signs the exact body bytes in the t=,v1= scheme with the secret credential; settings cannot forge it', async () => {
    const before = Math.floor(Date.now() / 1000);
    await send(null, {
      url: `${base}/hook`,
      body: { text: 'héllo', n: '{{ 1 + 1 }}' },
      credentialId: 'sig-1',
      headers: { 'X-Baton-Signature': 't=1,v1=forged', 'Idempotency-Key': 'mine' },
    });
    const [call] = received;
    expect(call.body).toBe('{"text":"héllo","n":2}');
    expect(call.headers['idempotency-key']).toBe('exec-1:node:1');
    const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(call.headers['x-baton-signature']));
    expect(match).not.toBeNull();
    expect(Number(match![1])).toBeGreaterThanOrEqual(before);
    expect(match![2]).toBe(signWebhookPayload(secret, match![1], Buffer.from(call.body)));
  });

  it('fails retryably on 5xx and permanently on other 4xx, and is outside-effect (not replay safe)', async () => {
    expect(webhookSendNode.replaySafe).toBe(false);
    const busy = await send({}, { url: `${base}/busy` }).catch(classifyError);
    expect(busy).toBeInstanceOf(TransientError);
    expect(busy).toMatchObject({ code: 'HTTP_503' });
    const gone = await send({}, { url: `${base}/gone` }).catch(classifyError);
    expect(gone).toMatchObject({ code: 'HTTP_410', retryable: false });
    const kept = await send({}, { url: `${base}/gone`, failOnStatus: false });
    expect(kept.result.output).toMatchObject({ status: 410, body: 'gone' });
    expect(await send({}, { url: 'ftp://example.com/x' }).catch(classifyError)).toMatchObject({ code: 'INVALID_URL' });
  });
});
