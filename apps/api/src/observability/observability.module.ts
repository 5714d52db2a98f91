import { Global, Module } from '@nestjs/common';
import { BATON_RUNTIME, type BatonRuntime } from '../bootstrap/baton-runtime';
import { tierOf } from '../config/baton-config';
import { BatonMetrics } from './metrics/baton-metrics';
import { DbPoolCollector } from './metrics/db-pool.collector';
import { ExecutionMetricsListener } from './metrics/execution-metrics.listener';
import { QueueDepthCollector } from './metrics/queue-depth.collector';

/**
 * Prometheus metrics of this process (every role): the registry, the engine-event listener, the
 * queue-depth and database-pool gauges. The HTTP side (the `/metrics` handler, request timing, the socket
 * count) is mounted on the application by installObservability in start-up.
 */
@Global()
@Module({
  providers: [
    {
      provide: BatonMetrics,
      inject: [BATON_RUNTIME],
      useFactory: (runtime: BatonRuntime) =>
        new BatonMetrics({
          role: runtime.config.role,
          tier: String(tierOf(runtime.config)),
          queueBackend: runtime.queue.kind,
        }),
    },
    ExecutionMetricsListener,
    QueueDepthCollector,
    DbPoolCollector,
  ],
  exports: [BatonMetrics],
})
export class ObservabilityModule {}
