import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { type ExecutionTracer, NoopExecutionTracer } from '@baton/engine';
import { ExecutionTraceIds } from './execution-trace-ids';
import { OtelExecutionTracer } from './otel-execution-tracer';

/** A tracer and how to flush what it buffered (on shutdown). */
export interface ExecutionTracing {
  tracer: ExecutionTracer;
  shutdown(): Promise<void>;
}

/**
 * Tracing as configured: OTLP/HTTP to `OTEL_EXPORTER_OTLP_ENDPOINT` (its `/v1/traces`, as the
 * OpenTelemetry spec says for the base endpoint), batched; or off, where the engine gets the
 * no-op tracer and no OpenTelemetry object exists. Tests pass their own processor.
 */
export function createExecutionTracing(options: {
  otlpEndpoint: string | null;
  role: string;
  processor?: SpanProcessor;
}): ExecutionTracing {
  if (!options.otlpEndpoint && !options.processor) {
    return { tracer: new NoopExecutionTracer(), shutdown: async () => undefined };
  }
  const processor = options.processor ?? new BatchSpanProcessor(otlpExporter(options.otlpEndpoint!));
  const ids = new ExecutionTraceIds();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'baton', 'baton.role': options.role }),
    idGenerator: ids,
    spanProcessors: [processor],
  });
  return {
    tracer: new OtelExecutionTracer(provider.getTracer('baton'), ids),
    shutdown: () => provider.shutdown(),
  };
}

function otlpExporter(endpoint: string): SpanExporter {
  return new OTLPTraceExporter({ url: `${endpoint.replace(/\/+$/, '')}/v1/traces` });
}
