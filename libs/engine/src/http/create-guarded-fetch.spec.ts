import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGuardedFetch } from './create-guarded-fetch.js';

// Every refusal below happens before a connection is attempted: no test sends traffic anywhere
// but to its own loopback stub.
describe('createGuardedFetch', () => {
  let server: Server;
  let port: number;
  let hits: string[];

  beforeAll(async () => {
    server = createServer((req, res) => {
      hits.push(req.url ?? '');
      const url = new URL(req.url ?? '/', 'http://stub');
      if (url.pathname === '/json') return res.end(JSON.stringify({ ok: true }));
      if (url.pathname === '/redirect') {
        res.writeHead(302, { location: String(url.searchParams.get('to')) });
        return res.end();
      }
      if (url.pathname === '/big') {
        const size = Number(url.searchParams.get('size'));
        if (url.searchParams.get('chunked')) {
          res.write('x'.repeat(size / 2));
          return res.end('x'.repeat(size / 2));
        }
        res.writeHead(200, { 'content-length': size });
        return res.end('x'.repeat(size));
      }
      if (url.pathname === '/hang') return; // never answers
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  beforeEach(() => (hits = []));
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const refused = { code: 'HTTP_DESTINATION_BLOCKED', retryable: false };

  it.each([
    'http://127.0.0.1/',
    'http://0.0.0.0/',
    'http://2130706433/',
    'http://0x7f.1/',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://169.254.169.254/latest/meta-data/',
    'http://10.0.0.1/',
    'http://172.16.0.1/',
    'http://192.168.1.1/',
    'http://100.64.0.1/',
    'http://[fc00::1]/',
    'http://[fe80::1]/',
  ])('refuses the non-public address %s by default', async (url) => {
    await expect(createGuardedFetch()(url)).rejects.toMatchObject(refused);
  });

  it('refuses a host name that resolves to loopback, at connection time', async () => {
    await expect(createGuardedFetch()(`http://localhost:${port}/json`)).rejects.toMatchObject(refused);
    expect(hits).toEqual([]);
  });

  it('refuses schemes other than http and https', async () => {
    await expect(createGuardedFetch()('data:text/plain,hello')).rejects.toMatchObject(refused);
    await expect(createGuardedFetch()('file:///etc/passwd')).rejects.toMatchObject(refused);
  });

  it('opens what the allow list names: a CIDR, an address or a host name', async () => {
    for (const allowHosts of [['127.0.0.0/8'], ['127.0.0.1'], ['localhost']]) {
      const host = allowHosts[0] === 'localhost' ? 'localhost' : '127.0.0.1';
      const response = await createGuardedFetch({ allowHosts })(`http://${host}:${port}/json`);
      expect(await response.json()).toEqual({ ok: true });
    }
  });

  it('checks every redirect hop: an allowed name may not redirect to a refused address', async () => {
    const guarded = createGuardedFetch({ allowHosts: ['localhost'] });
    const to = encodeURIComponent(`http://127.0.0.1:${port}/json`);
    await expect(guarded(`http://localhost:${port}/redirect?to=${to}`)).rejects.toMatchObject(refused);
    expect(hits).toEqual([`/redirect?to=${to}`]);
    const allowedHop = encodeURIComponent(`http://localhost:${port}/json`);
    const followed = await guarded(`http://localhost:${port}/redirect?to=${allowedHop}`);
    expect(await followed.json()).toEqual({ ok: true });
  });

  it('stops redirect loops', async () => {
    const guarded = createGuardedFetch({ allowHosts: ['127.0.0.1'], maxRedirects: 2 });
    const self = encodeURIComponent(`http://127.0.0.1:${port}/redirect?to=/redirect`);
    await expect(guarded(`http://127.0.0.1:${port}/redirect?to=${self}`)).rejects.toMatchObject({
      code: 'HTTP_TOO_MANY_REDIRECTS',
    });
  });

  it('caps the response body, declared or streamed', async () => {
    const guarded = createGuardedFetch({ allowHosts: ['127.0.0.1'], maxResponseBytes: 1024 });
    expect(await (await guarded(`http://127.0.0.1:${port}/big?size=1024`)).text()).toHaveLength(1024);
    await expect(guarded(`http://127.0.0.1:${port}/big?size=4096`)).rejects.toMatchObject({
      code: 'HTTP_RESPONSE_TOO_LARGE',
    });
    await expect(guarded(`http://127.0.0.1:${port}/big?size=4096&chunked=1`)).rejects.toMatchObject({
      code: 'HTTP_RESPONSE_TOO_LARGE',
    });
  });

  it('times out a destination that never answers', async () => {
    const guarded = createGuardedFetch({ allowHosts: ['127.0.0.1'], timeoutMs: 200 });
    await expect(guarded(`http://127.0.0.1:${port}/hang`)).rejects.toMatchObject({
      code: 'HTTP_TIMEOUT',
      retryable: true,
    });
  });
});
