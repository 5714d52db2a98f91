import { Inject, Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { BATON_CONFIG } from '../../config/baton-config.token';
import type { BatonConfig } from '../../config/baton-config';
import { createExecutionTracing, type ExecutionTracing } from './create-execution-tracer';

/** Injection token of this process's ExecutionTracing (the engine's tracer and its flush). */
export const EXECUTION_TRACING = Symbol('EXECUTION_TRACING');

export const executionTracingProvider: Provider = {
  provide: EXECUTION_TRACING,
  inject: [BATON_CONFIG],
  useFactory: (config: BatonConfig): ExecutionTracing =>
    createExecutionTracing({ otlpEndpoint: config.otlpEndpoint, role: config.role }),
};

/** Sends the spans still buffered when the process stops. */
@Injectable()
export class ExecutionTracingShutdown implements OnApplicationShutdown {
  constructor(@Inject(EXECUTION_TRACING) private readonly tracing: ExecutionTracing) {}

  onApplicationShutdown(): Promise<void> {
    return this.tracing.shutdown();
  }
}
