import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import { networkInterfaces } from 'node:os';
import { BatonMetrics } from './baton-metrics';
import { createMetricsEndpoint } from './metrics.endpoint';
import { decideMetricsAccess, isLoopbackAddress } from './metrics-access';

const TOKEN = 'metrics-token-0123456789';
const metrics = new BatonMetrics({ role: 'all', tier: '1', queueBackend: 'postgres' });

/** A non-loopback IPv4 address of this machine, if it has one (containers usually do). */
const outsideAddress = Object.values(networkInterfaces())
  .flat()
  .find((entry) => entry && entry.family === 'IPv4' && !entry.internal)?.address;

async function listen(token: string | null): Promise<{ server: Server; port: number }> {
  const server = createServer(createMetricsEndpoint(metrics, token));
  await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
  return { server, port: (server.address() as { port: number }).port };
}

describe('metrics access', () => {
  it('knows loopback in IPv4, IPv6 and IPv4-mapped form, and nothing else', () => {
    for (const address of ['127.0.0.1', '127.3.4.5', '::1', '::ffff:127.0.0.1']) {
      expect(isLoopbackAddress(address)).toBe(true);
    }
    for (const address of ['10.0.0.1', '::ffff:10.0.0.1', '0.0.0.0', '::', '1127.0.0.1', undefined]) {
      expect(isLoopbackAddress(address)).toBe(false);
    }
  });

  it('wants the exact bearer token when one is set, from loopback too', () => {
    const from = (authorization: string | undefined) =>
      decideMetricsAccess(TOKEN, { authorization, remoteAddress: '127.0.0.1' });
    expect(from(`Bearer ${TOKEN}`)).toBe('allowed');
    expect(from(`bearer ${TOKEN}`)).toBe('allowed');
    expect(from(undefined)).toBe('unauthorized');
    expect(from(`Bearer ${TOKEN}x`)).toBe('unauthorized');
    expect(from(TOKEN)).toBe('unauthorized');
  });
});

describe('GET /metrics over a real socket', () => {
  let loopbackOnly: { server: Server; port: number };
  let tokenOnly: { server: Server; port: number };

  beforeAll(async () => {
    loopbackOnly = await listen(null);
    tokenOnly = await listen(TOKEN);
  });

  afterAll(async () => {
    for (const { server } of [loopbackOnly, tokenOnly]) await new Promise((resolve) => server.close(resolve));
  });

  it('answers loopback clients in the text format when no token is set', async () => {
    const response = await fetch(`http://127.0.0.1:${loopbackOnly.port}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    expect(await response.text()).toContain('baton_process_info{role="all",tier="1",queue_backend="postgres"} 1');
  });

  (outsideAddress ? it : it.skip)(
    'refuses a client on another address even when it claims loopback in headers',
    async () => {
      const response = await fetch(`http://${outsideAddress}:${loopbackOnly.port}/metrics`, {
        headers: { 'x-forwarded-for': '127.0.0.1', 'x-real-ip': '127.0.0.1', forwarded: 'for=127.0.0.1' },
      });
      expect(response.status).toBe(403);
      expect(await response.text()).not.toContain('baton_');
    },
  );

  it('with a token: 401 and a Bearer challenge without it, 200 with it', async () => {
    const refused = await fetch(`http://127.0.0.1:${tokenOnly.port}/metrics`);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
    const wrong = await fetch(`http://127.0.0.1:${tokenOnly.port}/metrics`, {
      headers: { authorization: 'Bearer not-the-token-at-all' },
    });
    expect(wrong.status).toBe(401);
    const accepted = await fetch(`http://127.0.0.1:${tokenOnly.port}/metrics`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(accepted.status).toBe(200);
  });

  it('answers only GET and HEAD', async () => {
    const response = await fetch(`http://127.0.0.1:${loopbackOnly.port}/metrics`, { method: 'POST' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });
});
