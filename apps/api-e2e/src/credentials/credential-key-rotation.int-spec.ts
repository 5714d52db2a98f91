import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../../api/src/config/load-config';
import { runCredentialRotation } from '../../../api/src/credentials/run-credential-rotation';
import { signWebhookPayload } from '../../../api/src/triggers/webhooks/verify-webhook-signature';
import { TestApiClient } from '../support/api-client';
import { setUpOwner, signIn } from '../support/identities';
import { startInProcessBaton } from '../support/in-process-baton';
import { prepareTier, type TierEnvironment } from '../support/test-tiers';

// Issue 12, item 1 (key rotation): a new BATON_ENCRYPTION_KEY with the old one as
// BATON_ENCRYPTION_KEY_PREVIOUS still opens everything; credentials:rotate re-seals it, after
// which the old key can go. Three starts of one embedded data directory (the rotation needs the
// directory to itself, as the command would).
describe('encryption key rotation for credentials (embedded tier)', () => {
  const KEY_A = 'a'.repeat(64);
  const KEY_B = 'b'.repeat(64);
  let environment: TierEnvironment;
  let stub: Server;
  let stubUrl: string;
  const received: IncomingMessage['headers'][] = [];
  let credentialId: string;
  let hook: { url: string; secret: string };

  beforeAll(async () => {
    stub = createServer((req, res) => {
      received.push(req.headers);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
    stubUrl = `http://127.0.0.1:${(stub.address() as AddressInfo).port}`;
    environment = await prepareTier('embedded');
  });

  afterAll(async () => {
    await environment?.cleanup();
    await new Promise((resolve) => stub?.close(resolve));
  });

  const env = (keys: Record<string, string>) => ({ ...environment.env, BATON_ROLE: 'all', ...keys });
  const callWithCredential = (client: TestApiClient) =>
    client.post('/api/workflows/run', {
      format: 'graph',
      mode: 'immediate',
      definition: {
        nodes: [
          { id: 'start', type: 'trigger.manual', position: { x: 0, y: 0 }, data: { inputs: {} } },
          {
            id: 'call',
            type: 'http.request',
            position: { x: 200, y: 0 },
            data: { inputs: { url: stubUrl, credentialId } },
          },
        ],
        edges: [{ id: 'e1', source: 'start', target: 'call', sourceHandle: 'out', targetHandle: 'in' }],
      },
    });
  const callWebhook = (baseUrl: string, secret: string) => {
    const body = '{"n":1}';
    const t = Math.floor(Date.now() / 1000);
    return new TestApiClient(baseUrl).request('POST', new URL(hook.url).pathname, body, {
      'content-type': 'application/json',
      'x-baton-signature': `t=${t},v1=${signWebhookPayload(secret, String(t), Buffer.from(body))}`,
    });
  };

  it('keeps credentials and webhook secrets usable through a key change and re-seals them', async () => {
    const first = await startInProcessBaton(env({ BATON_ENCRYPTION_KEY: KEY_A }));
    try {
      const owner = await setUpOwner(new TestApiClient(first.url));
      const created = await owner.post('/api/credentials', {
        name: 'Rotated',
        kind: 'http.bearer',
        values: { token: 'token-before-rotation' },
      });
      credentialId = created.body.id;
      const workflow = await owner.post('/api/workflows', {
        name: 'Hooked',
        format: 'graph',
        status: 'active',
        definition: {
          nodes: [
            { id: 'start', type: 'trigger.manual', position: { x: 0, y: 0 }, data: { inputs: {} } },
            { id: 'log', type: 'util.log', position: { x: 200, y: 0 }, data: { inputs: { message: 'hook' } } },
          ],
          edges: [{ id: 'e1', source: 'start', target: 'log', sourceHandle: 'out', targetHandle: 'in' }],
        },
      });
      const trigger = await owner.post(`/api/workflows/${workflow.body.id}/triggers`, {
        type: 'webhook',
        signed: true,
      });
      hook = { url: trigger.body.url, secret: trigger.body.secret };
      expect((await callWithCredential(owner)).body.status).toBe('completed');
    } finally {
      await first.close();
    }

    // New key, old one as previous: values sealed under A still open.
    const second = await startInProcessBaton(
      env({ BATON_ENCRYPTION_KEY: KEY_B, BATON_ENCRYPTION_KEY_PREVIOUS: KEY_A }),
    );
    try {
      const owner = await signIn(new TestApiClient(second.url), 'owner@example.test', 'correct horse');
      expect((await callWithCredential(owner)).body).toMatchObject({ status: 'completed' });
      expect(received.at(-1)!.authorization).toBe('Bearer token-before-rotation');
    } finally {
      await second.close();
    }

    const rotation = loadConfig(env({ BATON_ENCRYPTION_KEY: KEY_B, BATON_ENCRYPTION_KEY_PREVIOUS: KEY_A }));
    expect(await runCredentialRotation(rotation)).toEqual({ credentials: 1, resealed: 1, webhookSecrets: 1 });
    expect(await runCredentialRotation(rotation)).toEqual({ credentials: 1, resealed: 0, webhookSecrets: 0 });

    // Only the new key from now on: everything was re-sealed under it.
    const third = await startInProcessBaton(env({ BATON_ENCRYPTION_KEY: KEY_B }));
    try {
      const owner = await signIn(new TestApiClient(third.url), 'owner@example.test', 'correct horse');
      expect((await callWithCredential(owner)).body).toMatchObject({ status: 'completed' });
      expect(received.at(-1)!.authorization).toBe('Bearer token-before-rotation');
      const accepted = await callWebhook(third.url, hook.secret);
      expect(accepted.status).toBeLessThan(300);
      const rows: Array<{ secrets: Record<string, string> }> = await third.app
        .get(DataSource)
        .query(`SELECT secrets FROM credentials`);
      expect(JSON.stringify(rows)).not.toContain('token-before-rotation');
    } finally {
      await third.close();
    }
  });

  it('refuses to rotate values that neither key opens, changing nothing', async () => {
    const wrong = loadConfig(env({ BATON_ENCRYPTION_KEY: 'c'.repeat(64), BATON_ENCRYPTION_KEY_PREVIOUS: KEY_A }));
    await expect(runCredentialRotation(wrong)).rejects.toThrow();
    const fine = loadConfig(env({ BATON_ENCRYPTION_KEY: KEY_B }));
    expect(await runCredentialRotation(fine)).toEqual({ credentials: 1, resealed: 0, webhookSecrets: 0 });
  });
});
