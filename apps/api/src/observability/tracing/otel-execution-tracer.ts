import {
  ROOT_CONTEXT,
  type Span,
  type SpanContext,
  SpanKind,
  SpanStatusCode,
  trace,
  type Tracer,
  TraceFlags,
} from '@opentelemetry/api';
import { ExecutionTracer, type SpanAttributes, type TraceCarrier, type TraceSpan } from '@baton/engine';
import { type ExecutionTraceIds, traceIdOf } from './execution-trace-ids';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/**
 * The engine's tracing port on OpenTelemetry. Contexts travel explicitly (the carrier in each
 * job, W3C `traceparent`), not through an ambient context manager: a step runs in whichever
 * process takes its job, long after the span that planned it ended.
 */
export class OtelExecutionTracer extends ExecutionTracer {
  constructor(
    private readonly tracer: Tracer,
    private readonly ids: ExecutionTraceIds,
  ) {
    super();
  }

  startSpan(
    name: string,
    options: { executionId: string; parent?: TraceCarrier | null; attributes: SpanAttributes },
  ): TraceSpan {
    const parent = parseTraceparent(options.parent?.['traceparent']);
    const context = parent ? trace.setSpanContext(ROOT_CONTEXT, parent) : ROOT_CONTEXT;
    const kind = name === 'execution.start' ? SpanKind.SERVER : SpanKind.CONSUMER;
    const span = this.ids.withTraceId(traceIdOf(options.executionId), () =>
      this.tracer.startSpan(name, { kind, attributes: options.attributes }, context),
    );
    return new OtelTraceSpan(span);
  }
}

class OtelTraceSpan implements TraceSpan {
  constructor(private readonly span: Span) {}

  carrier(): TraceCarrier | null {
    const { traceId, spanId, traceFlags } = this.span.spanContext();
    return { traceparent: `00-${traceId}-${spanId}-${traceFlags.toString(16).padStart(2, '0')}` };
  }

  end(outcome: { ok: boolean; error?: string; attributes?: SpanAttributes }): void {
    if (outcome.attributes) this.span.setAttributes(outcome.attributes);
    if (outcome.ok) this.span.setStatus({ code: SpanStatusCode.OK });
    else this.span.setStatus({ code: SpanStatusCode.ERROR, ...(outcome.error ? { message: outcome.error } : {}) });
    this.span.end();
  }
}

function parseTraceparent(value: string | undefined): SpanContext | null {
  const match = value ? TRACEPARENT.exec(value) : null;
  if (!match || /^0+$/.test(match[1]) || /^0+$/.test(match[2])) return null;
  return {
    traceId: match[1],
    spanId: match[2],
    traceFlags: parseInt(match[3], 16) & TraceFlags.SAMPLED,
    isRemote: true,
  };
}
