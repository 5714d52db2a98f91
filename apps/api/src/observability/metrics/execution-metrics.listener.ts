import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { BoundedCache, WorkflowEngine, type ExecutionEvent } from '@baton/engine';
import { LocalEventSink } from '../../engine-wiring/local-event.sink';
import { BatonMetrics } from './baton-metrics';
import { BoundedLabel } from './bounded-label';
import { labelsOfExecution, UNKNOWN_EXECUTION, type ExecutionLabels } from './execution-labels';

// Enough for every execution and step attempt in flight on a busy process; older entries are re-read or dropped.
const MAX_CACHED_EXECUTIONS = 10_000;
const MAX_OPEN_ATTEMPTS = 50_000;
const TERMINAL = new Set(['completed', 'failed', 'cancelled']);

/**
 * Engine metrics from the engine's own event stream: every committed event reaches the
 * LocalEventSink of the process that committed it, so each event is counted once in the cluster
 * and the engine core stays free of metrics code. The labels an event lacks (workflow, mode,
 * node type) come from one read of the execution per process, cached like ExecutionScopes does.
 */
@Injectable()
export class ExecutionMetricsListener implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Metrics');
  private readonly labels = new BoundedCache<string, Promise<ExecutionLabels>>(MAX_CACHED_EXECUTIONS);
  /** Start time of each step attempt running here; failures carry no duration of their own. */
  private readonly attemptStarts = new BoundedCache<string, number>(MAX_OPEN_ATTEMPTS);
  private readonly workflows = new BoundedLabel(2000);
  private readonly nodeTypes = new BoundedLabel(500);
  private readonly errors = new BoundedLabel(200);
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly events: LocalEventSink,
    private readonly engine: WorkflowEngine,
    private readonly metrics: BatonMetrics,
  ) {}

  onModuleInit(): void {
    this.unsubscribe = this.events.subscribe((event) => this.observe(event));
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  /** Called synchronously by the sink: bookkeeping now, the label read off the engine's path. */
  private observe(event: ExecutionEvent): void {
    // A throw here would fail the sink's publish, and with it the live feed of the event.
    let durationSeconds: number | null = null;
    try {
      durationSeconds = this.attemptDuration(event);
    } catch (error) {
      this.logger.warn(`step duration not measured: ${String(error)}`);
    }
    this.labelsOf(event.executionId)
      .then((labels) => {
        this.count(event, labels, durationSeconds);
        if (TERMINAL.has(event.type)) this.labels.delete(event.executionId);
      })
      .catch((error: unknown) => this.logger.warn(`metrics of an event not counted: ${String(error)}`));
  }

  private attemptDuration(event: ExecutionEvent): number | null {
    if (!event.stepId) return null;
    const key = `${event.executionId}:${event.stepId}:${event.attempt ?? 0}`;
    if (event.type === 'step_started') {
      this.attemptStarts.set(key, event.timestamp.getTime());
      return null;
    }
    if (!['step_completed', 'step_failed', 'step_retrying'].includes(event.type)) return null;
    const started = this.attemptStarts.get(key);
    this.attemptStarts.delete(key);
    const reported = event.data?.['durationMs'];
    if (typeof reported === 'number') return reported / 1000;
    return started === undefined ? null : (event.timestamp.getTime() - started) / 1000;
  }

  private count(event: ExecutionEvent, labels: ExecutionLabels, durationSeconds: number | null): void {
    const execution = {
      workflow: this.workflows.of(labels.workflow),
      mode: labels.mode,
      durability: labels.durability,
    };
    const nodeType = this.nodeTypes.of(labels.nodeTypeOf(event.stepId));
    const error = () => this.errors.of(typeof event.data?.['error'] === 'string' ? event.data['error'] : null);
    switch (event.type) {
      case 'started':
        this.metrics.executionsStarted.inc(execution);
        break;
      case 'completed':
      case 'failed':
      case 'cancelled':
        this.metrics.executionsEnded.inc({ ...execution, status: event.type });
        break;
      case 'step_started':
        this.metrics.stepAttempts.inc({ node_type: nodeType });
        break;
      case 'step_retrying':
        this.metrics.stepRetries.inc({ node_type: nodeType, error: error() });
        break;
      case 'step_failed':
        this.metrics.stepFailures.inc({ node_type: nodeType, error: error() });
        break;
    }
    if (durationSeconds !== null && durationSeconds >= 0) {
      const outcome = event.type.slice('step_'.length);
      this.metrics.stepDuration.observe({ node_type: nodeType, outcome }, durationSeconds);
    }
  }

  private labelsOf(executionId: string): Promise<ExecutionLabels> {
    const cached = this.labels.get(executionId);
    if (cached) return cached;
    // The engine's read also sees express runs, which live only in the memory of the process running them.
    const read = this.engine
      .findExecution(executionId)
      .then((snapshot) => (snapshot ? labelsOfExecution(snapshot.execution) : UNKNOWN_EXECUTION));
    // A failed read is not remembered: the next event of the execution tries again.
    read.catch(() => this.labels.delete(executionId));
    this.labels.set(executionId, read);
    return read;
  }
}
