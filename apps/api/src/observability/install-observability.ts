import type { NestExpressApplication } from '@nestjs/platform-express';
import type { BatonConfig } from '../config/baton-config';
import { BatonMetrics } from './metrics/baton-metrics';
import { createHttpMetricsMiddleware } from './metrics/http-metrics.middleware';
import { createMetricsEndpoint } from './metrics/metrics.endpoint';
import { ObservedIoAdapter } from './metrics/observed-io.adapter';

/**
 * Request timing and the socket count, on a created (not yet listening) application. Call it
 * before any other middleware so the timing covers them all.
 */
export function installRequestMetrics(app: NestExpressApplication): void {
  const metrics = app.get(BatonMetrics);
  app.use(createHttpMetricsMiddleware(metrics));
  const sockets = new ObservedIoAdapter(app);
  app.useWebSocketAdapter(sockets);
  metrics.gauge('baton_socket_clients', 'Live-event socket.io clients connected to this process', [], (gauge) =>
    gauge.set(sockets.connectedClients()),
  );
}

/**
 * `GET /metrics` ahead of body parsing, routing and guards (it has its own access rule). Every
 * role mounts it: a worker-only process serves it on the listener it has for health checks.
 */
export function mountMetricsEndpoint(app: NestExpressApplication, config: BatonConfig): void {
  app.use('/metrics', createMetricsEndpoint(app.get(BatonMetrics), config.metricsToken));
}
