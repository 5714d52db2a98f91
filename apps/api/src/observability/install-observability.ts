import type { NestExpressApplication } from '@nestjs/platform-express';
import type { BatonConfig } from '../config/baton-config';
import { BatonMetrics } from './metrics/baton-metrics';
import { createHttpMetricsMiddleware } from './metrics/http-metrics.middleware';
import { createMetricsEndpoint } from './metrics/metrics.endpoint';
import { ObservedIoAdapter } from './metrics/observed-io.adapter';

/**
 * Mounts metrics on a created (not yet listening) application; call it before any other
 * middleware so request timing covers them and `/metrics` answers before routing, guards and
 * body parsing. A worker-only process serves the same `/metrics` on its health listener.
 */
export function installObservability(app: NestExpressApplication, config: BatonConfig): void {
  const metrics = app.get(BatonMetrics);
  app.use(createHttpMetricsMiddleware(metrics));
  app.use('/metrics', createMetricsEndpoint(metrics, config.metricsToken));
  const sockets = new ObservedIoAdapter(app);
  app.useWebSocketAdapter(sockets);
  metrics.gauge('baton_socket_clients', 'Live-event socket.io clients connected to this process', [], (gauge) =>
    gauge.set(sockets.connectedClients()),
  );
}
