/**
 * A span's context as carried from one step to the next through a queued job (W3C Trace
 * Context fields: `traceparent`, optionally `tracestate`). Plain strings, so it survives any
 * queue's JSON.
 */
export type TraceCarrier = Record<string, string>;

export type SpanAttributes = Record<string, string | number | boolean>;

/** One traced operation: a start request or a step attempt. */
export interface TraceSpan {
  /** What a job started from this span carries, so its span joins the trace; null when not traced. */
  carrier(): TraceCarrier | null;
  /** Ends the span with its outcome and any attributes known only at the end. */
  end(outcome: { ok: boolean; error?: string; attributes?: SpanAttributes }): void;
}

/**
 * Tracing of executions, bound by the app (OpenTelemetry in apps/api) or left off. The engine
 * asks for a span per start and per step attempt; `executionId` lets an implementation keep
 * every span of one execution in one trace even when a job arrives without a carrier
 * (recovery, redrive).
 */
export abstract class ExecutionTracer {
  abstract startSpan(
    name: string,
    options: { executionId: string; parent?: TraceCarrier | null; attributes: SpanAttributes },
  ): TraceSpan;
}

const NOOP_SPAN: TraceSpan = { carrier: () => null, end: () => undefined };

/** Tracing off: one shared span object, no carrier in any job, nothing allocated per call. */
export class NoopExecutionTracer extends ExecutionTracer {
  startSpan(): TraceSpan {
    return NOOP_SPAN;
  }
}
