import { describe, expect, it } from '@jest/globals';
import {
  buildGraph,
  createTestEngine,
  FakeClock,
  InProcessStepScheduler,
  NoopExecutionTracer,
  type ScheduleOptions,
  StepScheduler,
  type StepJob,
  testNodeType,
  TransientError,
} from '@baton/engine';
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { createExecutionTracing } from './create-execution-tracer';
import { traceIdOf } from './execution-trace-ids';

/**
 * A queue that passes each job through JSON, as BullMQ stores job data, and keeps what it was
 * given: the trace context must survive the hop in the job itself.
 */
class SerializingScheduler extends StepScheduler {
  readonly jobs: StepJob[] = [];
  constructor(readonly inner: InProcessStepScheduler) {
    super();
  }

  /** Runs everything due now, then each timer up to `ms` from now, letting its work finish. */
  async drain(clock: FakeClock, ms = 0): Promise<void> {
    const target = clock.now() + ms;
    await this.inner.whenQuiet();
    for (let next = clock.nextTimerAt(); next !== null && next <= target; next = clock.nextTimerAt()) {
      clock.advanceTo(next);
      await this.inner.whenQuiet();
    }
  }
  async schedule(job: StepJob, options?: ScheduleOptions): Promise<void> {
    const stored = JSON.parse(JSON.stringify(job)) as StepJob;
    this.jobs.push(stored);
    await this.inner.schedule(stored, options);
  }
}

function tracedEngine() {
  const exporter = new InMemorySpanExporter();
  const tracing = createExecutionTracing({
    otlpEndpoint: null,
    role: 'all',
    processor: new SimpleSpanProcessor(exporter),
  });
  const clock = new FakeClock();
  const queue = new SerializingScheduler(new InProcessStepScheduler(clock));
  let calls = 0;
  const t = createTestEngine({
    clock,
    scheduler: queue,
    tracer: tracing.tracer,
    nodeTypes: [
      testNodeType('test.start', async () => 'started', { canStart: true }),
      testNodeType('test.flaky', async () => {
        if (++calls === 1) throw new TransientError('flaky once', 'FLAKY');
        return 'ok';
      }),
    ],
  });
  queue.inner.attach((job) => t.engine.runStep(job));
  return { t, exporter, queue, clock };
}

const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

describe('execution tracing (OpenTelemetry, in-memory exporter)', () => {
  it('makes one trace per execution: the start, then each attempt as a child of the span that queued it', async () => {
    const { t, exporter, queue, clock } = tracedEngine();
    const definition = buildGraph(
      [
        ['start', 'test.start'],
        ['flaky', 'test.flaky', {}, { retry: { maxAttempts: 2, initialIntervalMs: 1000, jitter: 'none' } }],
      ],
      ['start->flaky'],
    );
    const { executionId } = await t.engine.start({ definition, input: null, mode: 'queued' });
    await queue.drain(clock, 1000);
    expect((await t.snapshot(executionId)).execution.status).toBe('completed');

    const spans = exporter.getFinishedSpans();
    expect(new Set(spans.map((span) => span.spanContext().traceId))).toEqual(new Set([traceIdOf(executionId)]));
    const start = spans.find((span) => span.name === 'execution.start')!;
    expect(parentOf(start)).toBeUndefined();
    expect(start.attributes).toMatchObject({ 'baton.execution.id': executionId, 'baton.execution.mode': 'queued' });
    const attempts = spans.filter((span) => span.name === 'step.attempt');
    const summary = attempts.map((span) => [
      span.attributes['baton.step.id'],
      span.attributes['baton.node.type'],
      span.attributes['baton.step.attempt'],
      span.attributes['baton.step.outcome'],
      span.status.code,
    ]);
    expect(summary).toEqual([
      ['start', 'test.start', 1, 'completed', 1],
      ['flaky', 'test.flaky', 1, 'retrying', 2],
      ['flaky', 'test.flaky', 2, 'completed', 1],
    ]);
    expect(attempts[1].status.message).toBe('FLAKY');
    // Linked across the queue: each attempt's parent is the span whose outcome planned its job.
    expect(parentOf(attempts[0])).toBe(start.spanContext().spanId);
    expect(parentOf(attempts[1])).toBe(attempts[0].spanContext().spanId);
    expect(parentOf(attempts[2])).toBe(attempts[1].spanContext().spanId);
    // The context travelled in the job data, as W3C traceparent.
    expect(queue.jobs.every((job) => /^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/.test(job.trace?.['traceparent'] ?? ''))).toBe(
      true,
    );
    expect(t.scheduleErrors).toEqual([]);
  });

  it('costs nothing when off: jobs carry no trace context and no OpenTelemetry object is made', async () => {
    const tracing = createExecutionTracing({ otlpEndpoint: null, role: 'all' });
    expect(tracing.tracer).toBeInstanceOf(NoopExecutionTracer);
    const clock = new FakeClock();
    const queue = new SerializingScheduler(new InProcessStepScheduler(clock));
    const t = createTestEngine({
      clock,
      scheduler: queue,
      tracer: tracing.tracer,
      nodeTypes: [
        testNodeType('test.start', async () => 'started', { canStart: true }),
        testNodeType('test.next', async () => 1),
      ],
    });
    queue.inner.attach((job) => t.engine.runStep(job));
    const { executionId } = await t.engine.start({
      definition: buildGraph(
        [
          ['start', 'test.start'],
          ['next', 'test.next'],
        ],
        ['start->next'],
      ),
      input: null,
      mode: 'queued',
    });
    await queue.drain(clock);
    expect((await t.snapshot(executionId)).execution.status).toBe('completed');
    expect(queue.jobs.length).toBeGreaterThan(0);
    expect(queue.jobs.some((job) => 'trace' in job)).toBe(false);
  });
});
