import type { IncomingMessage, ServerResponse } from 'node:http';
import { WEBHOOK_PATH_PREFIX } from '../../triggers/webhooks/capture-webhook-raw-body';
import type { BatonMetrics } from './baton-metrics';

/** The slice of Express's request read here (keeps @types/express out of the build). */
interface RoutedRequest extends IncomingMessage {
  originalUrl?: string;
  baseUrl?: string;
  route?: { path?: unknown };
}

/**
 * Times every request to its response's end. The route label is the matched pattern
 * (`/api/executions/:id`), never the URL: ids in paths would make one series per execution.
 * Anything Nest did not route (static console files, unknown paths) reads `unmatched`.
 */
export function createHttpMetricsMiddleware(metrics: BatonMetrics) {
  return (request: RoutedRequest, response: ServerResponse, next: () => void): void => {
    const started = process.hrtime.bigint();
    const url = request.originalUrl ?? request.url ?? '';
    response.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const status = String(response.statusCode);
      metrics.httpDuration.observe({ method: methodOf(request), route: routeOf(request, url), status }, seconds);
      if (url.startsWith(`${WEBHOOK_PATH_PREFIX}/`)) metrics.webhookRequests.inc({ status });
    });
    next();
  };
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const methodOf = (request: IncomingMessage) => (METHODS.has(request.method ?? '') ? request.method! : 'OTHER');

function routeOf(request: RoutedRequest, url: string): string {
  if (url === '/metrics' || url.startsWith('/metrics?')) return '/metrics';
  const path = request.route?.path;
  return typeof path === 'string' ? `${request.baseUrl ?? ''}${path}` : 'unmatched';
}
