import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the stub answered (or saw aborted), with wall-clock times in ms. */
export interface StubRequest {
  path: string;
  startedAt: number;
  endedAt: number | null;
  status: number | null;
}

export interface StubHttpServer {
  baseUrl: string;
  /** Requests whose path starts with `prefix`, in arrival order. */
  requests(prefix?: string): StubRequest[];
  close(): Promise<void>;
}

/**
 * The outside world the scenarios call through `http.request`. Every answer is deterministic
 * JSON with `connection: close` and no `date` header, so a node's whole output can be asserted:
 *
 * - `GET /slow/<name>?ms=N`    answers `{ "name": <name> }` after N ms (overlap and concurrency)
 * - `GET /flaky/<key>?fail=N`  answers 500 to the first N calls per key, then 200 `{ key, calls }`
 * - `GET /hang`                never answers; the client has to give up
 * - anything else              404 `{ "error": "not found" }`
 */
export async function startStubHttpServer(): Promise<StubHttpServer> {
  const log: StubRequest[] = [];
  const calls = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://stub');
    const entry: StubRequest = { path: url.pathname, startedAt: Date.now(), endedAt: null, status: null };
    log.push(entry);
    res.sendDate = false;
    const answer = (status: number, body: unknown) => {
      entry.endedAt = Date.now();
      entry.status = status;
      const text = JSON.stringify(body);
      res
        .writeHead(status, {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(text),
          connection: 'close',
        })
        .end(text);
    };
    // A client that gives up (timeout, cancel) closes the socket: note when.
    res.on('close', () => (entry.endedAt ??= Date.now()));

    const [, route, name] = url.pathname.split('/');
    if (route === 'slow' && name) {
      const timer = setTimeout(
        () => {
          timers.delete(timer);
          answer(200, { name });
        },
        Number(url.searchParams.get('ms') ?? 0),
      );
      timers.add(timer);
    } else if (route === 'flaky' && name) {
      const count = (calls.get(name) ?? 0) + 1;
      calls.set(name, count);
      if (count <= Number(url.searchParams.get('fail') ?? 0)) answer(500, { error: 'try again' });
      else answer(200, { key: name, calls: count });
    } else if (route !== 'hang') {
      answer(404, { error: 'not found' });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests: (prefix = '/') => log.filter((r) => r.path.startsWith(prefix)),
    async close() {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The largest number of requests that were in flight at the same moment. */
export function maxInFlight(requests: StubRequest[]): number {
  const marks = requests.flatMap((r) => [
    { at: r.startedAt, delta: 1 },
    { at: r.endedAt ?? Infinity, delta: -1 },
  ]);
  // At equal times count the end first: back-to-back requests did not overlap.
  marks.sort((a, b) => a.at - b.at || a.delta - b.delta);
  let current = 0;
  let max = 0;
  for (const mark of marks) max = Math.max(max, (current += mark.delta));
  return max;
}
