import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the sink received: the side effect it stands for is applied on receipt, as a real API's would be. */
export interface SinkCall {
  /** `executionId:stepId:attempt`, the Idempotency-Key Baton sends with every outbound call. */
  key: string;
  route: string;
  /** What the sink decided to answer (0: the caller hung up first). */
  status: number;
}

export interface SideEffectSink {
  url: string;
  calls: SinkCall[];
  /** Calls received and not answered yet. */
  inFlight(): number;
  close(): Promise<void>;
}

/** The attempt number is the key's last segment; step ids of Map iterations contain `/` and `.`, never `:`. */
export const attemptOf = (key: string) => Number(key.slice(key.lastIndexOf(':') + 1));
/** `executionId:stepId` of a key: one step, whatever the attempt. */
export const stepOf = (key: string) => key.slice(0, key.lastIndexOf(':'));

/**
 * The outside world of the chaos runs. Every call is recorded with its idempotency key when it
 * arrives, so a test can tell a redelivery of the same attempt (same key: an idempotent API
 * drops it) from a step that really ran twice (two keys applied for one step). Routes, answered
 * after `delayMs` so that calls are in flight when a process dies:
 *
 * - `/ok`      200 `{ n }` (the body's `n`)
 * - `/flaky`   503 to the first attempt of every step, then 200 (forces a retry)
 * - `/reject`  400: a permanent failure the run fails with
 */
export async function startSideEffectSink(delayMs: number): Promise<SideEffectSink> {
  const calls: SinkCall[] = [];
  let open = 0;
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      const key = String(req.headers['idempotency-key'] ?? '');
      const route = new URL(req.url ?? '/', 'http://sink').pathname.slice(1);
      const statuses: Record<string, number> = { ok: 200, flaky: attemptOf(key) === 1 ? 503 : 200, reject: 400 };
      const status = statuses[route] ?? 404;
      const call: SinkCall = { key, route, status };
      calls.push(call);
      open++;
      setTimeout(() => {
        open--;
        if (res.destroyed) return;
        let n: unknown = null;
        try {
          n = raw ? ((JSON.parse(raw) as { n?: unknown }).n ?? null) : null;
        } catch {
          n = null;
        }
        res.writeHead(call.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(call.status === 200 ? { n } : { error: `sink answers ${call.status}` }));
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    inFlight: () => open,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
