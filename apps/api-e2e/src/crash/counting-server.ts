import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the server received. */
export interface CountedRequest {
  path: string;
  /** `executionId:stepId:attempt`, sent by the http.request node. */
  idempotencyKey: string;
  receivedAt: number;
}

export interface CountingServer {
  url: string;
  requests: CountedRequest[];
  /** Requests that arrived but have not been answered yet. */
  inFlight(): number;
  close(): Promise<void>;
}

/**
 * A local stand-in for an outside API: answers every POST after `delayMs` with `{ step, n }`
 * (the path and the body's `n`) and records each request with its idempotency key, so a test
 * can count how often each step really reached the outside world.
 */
export async function startCountingServer(delayMs: number): Promise<CountingServer> {
  const requests: CountedRequest[] = [];
  let open = 0;
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      requests.push({
        path: req.url ?? '',
        idempotencyKey: String(req.headers['idempotency-key'] ?? ''),
        receivedAt: Date.now(),
      });
      open++;
      setTimeout(() => {
        open--;
        const body = raw ? (JSON.parse(raw) as { n?: unknown }) : {};
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ step: (req.url ?? '').slice(1), n: body.n ?? null }));
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    inFlight: () => open,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
