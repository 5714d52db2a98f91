import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { classifyError, type NodeCredentials, runNodeForTest } from '@baton/engine';
import { webhookSendNode } from '@baton/nodes';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhookSignature } from './verify-webhook-signature';

// Baton instances chain: what webhook.send signs is what this API's webhook trigger verifies.
describe('webhook.send against the webhook trigger signature check', () => {
  let server: Server;
  let url: string;
  const receiverSecret = 'whsec-chained-secret';

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const header = req.headers['x-baton-signature'] as string | undefined;
        const check = verifyWebhookSignature(header, Buffer.concat(chunks), receiverSecret, new Date(), 300);
        res.writeHead(check.ok ? 202 : 401, { 'content-type': 'application/json' });
        res.end(JSON.stringify(check));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/webhooks/token`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const withSecret = (value: string): NodeCredentials => ({
    get: async (id) => ({ id, kind: 'secret', name: 'Signing', values: { value } }) as never,
  });

  it('is accepted with the shared secret', async () => {
    const { result } = await runNodeForTest(
      webhookSendNode,
      { order: 7, note: 'ünïcode' },
      { url, credentialId: 'c-1' },
      { ctx: { credentials: withSecret(receiverSecret) } },
    );
    expect(result.output).toMatchObject({ status: 202, body: { ok: true } });
  });

  it('is refused with another secret or without one', async () => {
    const wrong = await runNodeForTest(
      webhookSendNode,
      { order: 7 },
      { url, credentialId: 'c-1' },
      { ctx: { credentials: withSecret('another-secret') } },
    ).catch(classifyError);
    expect(wrong).toMatchObject({ code: 'HTTP_401' });
    const unsigned = await runNodeForTest(webhookSendNode, { order: 7 }, { url }, {}).catch(classifyError);
    expect(unsigned).toMatchObject({ code: 'HTTP_401' });
  });
});
