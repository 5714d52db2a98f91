import { createHash } from 'node:crypto';
import { RandomIdGenerator, type IdGenerator } from '@opentelemetry/sdk-trace-base';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The trace id of an execution: its UUID's 128 bits (so a trace is found by execution id), or
 * a digest of any other id. Every span of the execution without a parent carrier (the start,
 * a job scheduled by recovery or a redrive) gets it, so one execution is always one trace.
 */
export function traceIdOf(executionId: string): string {
  const hex = UUID.test(executionId)
    ? executionId.replace(/-/g, '').toLowerCase()
    : createHash('sha256').update(executionId).digest('hex').slice(0, 32);
  // All zeros is the invalid trace id; a UUID of zeros is not an execution Baton creates.
  return /^0+$/.test(hex) ? createHash('sha256').update(executionId).digest('hex').slice(0, 32) : hex;
}

/**
 * The SDK's id generator, except that the next root span's trace id can be named: the SDK asks
 * for a trace id inside the synchronous `startSpan` of a span without a parent, so setting it
 * right before that call is race-free.
 */
export class ExecutionTraceIds implements IdGenerator {
  private readonly random = new RandomIdGenerator();
  private next: string | null = null;

  /** Runs `start` with `traceId` as the trace id of a root span it creates. */
  withTraceId<T>(traceId: string, start: () => T): T {
    this.next = traceId;
    try {
      return start();
    } finally {
      this.next = null;
    }
  }

  generateTraceId(): string {
    const named = this.next;
    this.next = null;
    return named ?? this.random.generateTraceId();
  }

  generateSpanId(): string {
    return this.random.generateSpanId();
  }
}
