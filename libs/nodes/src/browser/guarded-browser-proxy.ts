import { randomBytes, timingSafeEqual } from 'node:crypto';
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

/** Resolves a host name under the outbound policy, or throws (createGuardedHostResolver). */
export type OutboundHostResolver = (hostname: string) => Promise<string>;

export interface GuardedBrowserProxy {
  /** `http://127.0.0.1:<port>`, for Chromium's `--proxy-server`. */
  readonly url: string;
  /** Credentials the proxy asks for (random per proxy), so no other local process can use it. */
  readonly username: string;
  readonly password: string;
  close(): Promise<void>;
}

// Hop-by-hop headers (RFC 9110 §7.6.1) are the proxy's own business, never forwarded.
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'proxy-authorization', 'te', 'trailer', 'upgrade'];

/**
 * An HTTP proxy on loopback through which Chromium makes every connection (navigations,
 * redirects, sub-resources, fetch/XHR, WebSockets, HTTPS tunnels). Each connection's host is
 * resolved with the outbound policy's resolver and the proxy connects to the address it answered,
 * so a redirect to 127.0.0.1 or a name that re-resolves to a private address is refused like in
 * `http.request`. (Playwright's request routing is not enough: it never sees redirect hops, and
 * Chromium would resolve names itself after the check.)
 */
export async function startGuardedBrowserProxy(
  resolve: OutboundHostResolver,
  onBlocked: (host: string, reason: string) => void = () => undefined,
): Promise<GuardedBrowserProxy> {
  const sockets = new Set<Socket>();
  const username = 'baton';
  const password = randomBytes(24).toString('base64url');
  const expected = Buffer.from(`Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`);
  const authorized = (req: IncomingMessage) => {
    const given = Buffer.from(req.headers['proxy-authorization'] ?? '');
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  const server: Server = createServer((req, res) => {
    if (!authorized(req)) {
      res.writeHead(407, { 'proxy-authenticate': 'Basic realm="baton"' });
      return void res.end();
    }
    void forwardRequest(req, res, resolve, onBlocked);
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    client.on('error', () => client.destroy());
    if (!authorized(req))
      return void client.end(
        'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="baton"\r\nContent-Length: 0\r\n\r\n',
      );
    void openTunnel(req, client, head, resolve, onBlocked);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    username,
    password,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

async function forwardRequest(
  req: IncomingMessage,
  res: ServerResponse,
  resolve: OutboundHostResolver,
  onBlocked: (host: string, reason: string) => void,
): Promise<void> {
  let target: URL;
  try {
    target = new URL(req.url ?? '');
  } catch {
    return refuse(res, 400, 'proxy requests carry an absolute URL');
  }
  if (target.protocol !== 'http:') return refuse(res, 400, `${target.protocol} is not proxied`);
  const hostname = target.hostname.replace(/^\[|\]$/g, '');
  let address: string;
  try {
    address = await resolve(hostname);
  } catch (error) {
    onBlocked(hostname, (error as Error).message);
    return refuse(res, 403, (error as Error).message);
  }
  const headers = { ...req.headers };
  for (const name of HOP_BY_HOP) delete headers[name];
  const upstream = httpRequest(
    {
      host: address,
      port: target.port || 80,
      method: req.method,
      path: `${target.pathname}${target.search}`,
      headers: { ...headers, host: target.host },
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', () => (res.headersSent ? res.destroy() : refuse(res, 502, `${target.host} did not answer`)));
  req.pipe(upstream);
}

async function openTunnel(
  req: IncomingMessage,
  client: Socket,
  head: Buffer,
  resolve: OutboundHostResolver,
  onBlocked: (host: string, reason: string) => void,
): Promise<void> {
  client.on('error', () => client.destroy());
  const match = /^\[?([^\]]+?)\]?:(\d+)$/.exec(req.url ?? '');
  if (!match) return void client.end('HTTP/1.1 400 Bad Request\r\n\r\n');
  const [, hostname, port] = match;
  let address: string;
  try {
    address = await resolve(hostname);
  } catch (error) {
    onBlocked(hostname, (error as Error).message);
    return void client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  }
  const upstream = connect(Number(port), address, () => {
    client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length) upstream.write(head);
    upstream.pipe(client);
    client.pipe(upstream);
  });
  upstream.on('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n'));
  client.on('close', () => upstream.destroy());
}

function refuse(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(`Baton refused this request: ${message}`);
}
