import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLambdaStub } from './lambda-stub.js';

/**
 * A local HTTP endpoint for http:invoke cases: `/echo` answers with what it received,
 * `/status/<code>` answers with that status, `/slow/<ms>` answers after `ms`; and the Lambda
 * Invoke API of `createLambdaStub` (the same URL is `BATON_LAMBDA_ENDPOINT`).
 */
export async function startConformanceStubServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const lambda = createLambdaStub();
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://stub');
      if (lambda.handle(request, response, url, body)) return;
      const send = (status: number, payload: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(payload));
      };
      const status = /^\/status\/(\d{3})$/.exec(url.pathname);
      const slow = /^\/slow\/(\d+)$/.exec(url.pathname);
      if (status) return send(Number(status[1]), { status: Number(status[1]) });
      if (slow) {
        // Kept so close() can clear it: a pending answer must not hold the test process open.
        const timer = setTimeout(() => {
          timers.delete(timer);
          send(200, { slept: Number(slow[1]) });
        }, Number(slow[1]));
        timers.add(timer);
        return;
      }
      send(200, {
        method: request.method,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        body: body ? JSON.parse(body) : null,
        header: request.headers['x-test'] ?? null,
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The case's definition with `{{STUB}}` replaced by the stub server's base URL. */
export function withStubUrl<T>(definition: T, url: string): T {
  return JSON.parse(JSON.stringify(definition).replaceAll('{{STUB}}', url)) as T;
}
