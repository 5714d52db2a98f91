import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BatonMetrics } from './baton-metrics';
import { decideMetricsAccess } from './metrics-access';

/**
 * `GET /metrics` as a plain handler, mounted before Nest's routing: outside the `/api` prefix,
 * the session guard and the OpenAPI document, with its own access rule (metrics-access.ts).
 */
export function createMetricsEndpoint(metrics: BatonMetrics, token: string | null) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    const access = decideMetricsAccess(token, {
      authorization: request.headers.authorization,
      remoteAddress: request.socket.remoteAddress,
    });
    if (access !== 'allowed') {
      if (access === 'unauthorized') response.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      answer(response, access === 'unauthorized' ? 401 : 403, 'text/plain; charset=utf-8', `${access}\n`);
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      answer(response, 405, 'text/plain; charset=utf-8', 'method not allowed\n');
      return;
    }
    metrics.registry.metrics().then(
      (text) => answer(response, 200, metrics.registry.contentType, request.method === 'HEAD' ? '' : text),
      (error: unknown) => answer(response, 500, 'text/plain; charset=utf-8', `metrics failed: ${String(error)}\n`),
    );
  };
}

function answer(response: ServerResponse, status: number, contentType: string, body: string): void {
  response.statusCode = status;
  response.setHeader('Content-Type', contentType);
  response.setHeader('Cache-Control', 'no-store');
  response.end(body);
}
