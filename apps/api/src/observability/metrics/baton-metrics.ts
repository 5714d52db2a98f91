import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

// Seconds; steps run from milliseconds (transforms) to hours (waits for people), HTTP stays short.
const STEP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600];
// Seconds late: a tick is 1 s by default, a busy or restarted scheduler minutes.
const LAG_BUCKETS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600];
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * Every metric this process exposes at `GET /metrics`, in one registry per application (README
 * "Operations: metrics and logs" lists them). Labels are bounded: workflow ids, node types, error
 * names, routes and status codes, never execution ids or anything a caller can vary freely.
 */
export class BatonMetrics {
  readonly registry = new Registry();

  readonly executionsStarted = new Counter({
    name: 'baton_executions_started_total',
    help: 'Executions that moved to running, by workflow, mode and durability',
    labelNames: ['workflow', 'mode', 'durability'] as const,
    registers: [this.registry],
  });

  readonly executionsEnded = new Counter({
    name: 'baton_executions_ended_total',
    help: 'Executions that reached completed, failed or cancelled',
    labelNames: ['workflow', 'status', 'mode', 'durability'] as const,
    registers: [this.registry],
  });

  readonly stepAttempts = new Counter({
    name: 'baton_step_attempts_total',
    help: 'Step attempts started, by node type',
    labelNames: ['node_type'] as const,
    registers: [this.registry],
  });

  readonly stepDuration = new Histogram({
    name: 'baton_step_duration_seconds',
    help: 'Duration of step attempts, by node type and outcome (completed, failed, retrying)',
    labelNames: ['node_type', 'outcome'] as const,
    buckets: STEP_BUCKETS,
    registers: [this.registry],
  });

  readonly stepRetries = new Counter({
    name: 'baton_step_retries_total',
    help: 'Failed step attempts that will be retried, by node type and error name',
    labelNames: ['node_type', 'error'] as const,
    registers: [this.registry],
  });

  readonly stepFailures = new Counter({
    name: 'baton_step_failures_total',
    help: 'Steps that failed for good (handled or not), by node type and error name',
    labelNames: ['node_type', 'error'] as const,
    registers: [this.registry],
  });

  readonly webhookRequests = new Counter({
    name: 'baton_webhook_requests_total',
    help: 'Requests to webhook URLs, by response status',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'baton_http_request_duration_seconds',
    help: 'HTTP request duration, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: HTTP_BUCKETS,
    registers: [this.registry],
  });

  readonly schedulerLag = new Histogram({
    name: 'baton_scheduler_lag_seconds',
    help: 'Delay from the slot a cron or one-time trigger was due to its execution being started',
    labelNames: ['trigger_type'] as const,
    buckets: LAG_BUCKETS,
    registers: [this.registry],
  });

  readonly retentionPrunedRows = new Counter({
    name: 'baton_retention_pruned_rows_total',
    help: 'Rows the retention job deleted, by table (executions and the steps, events and tokens hanging off them)',
    labelNames: ['table'] as const,
    registers: [this.registry],
  });

  readonly retentionLastRun = new Gauge({
    name: 'baton_retention_last_run_timestamp_seconds',
    help: 'When this process last finished a retention run (unix seconds)',
    registers: [this.registry],
  });

  readonly failureNotifications = new Counter({
    name: 'baton_failure_notifications_total',
    help: 'On-failure notification attempts, by channel (webhook, email) and outcome (delivered, retrying, gave_up)',
    labelNames: ['channel', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly executionsRedriven = new Counter({
    name: 'baton_executions_redriven_total',
    help: 'Executions the bulk redrive endpoint ran again, by outcome (redriven, refused)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  constructor(info: { role: string; tier: string; queueBackend: string }) {
    // process_* and nodejs_* (CPU, memory, handles, GC, event-loop lag) under their standard
    // names, which existing Node.js dashboards expect; Baton's own metrics carry `baton_`.
    collectDefaultMetrics({ register: this.registry });
    new Gauge({
      name: 'baton_process_info',
      help: 'Always 1; labels tell which role, tier and queue backend this process runs',
      labelNames: ['role', 'tier', 'queue_backend'] as const,
      registers: [this.registry],
    }).set({ role: info.role, tier: info.tier, queue_backend: info.queueBackend }, 1);
  }

  /** A gauge read at scrape time (queue depth, socket clients). */
  gauge<L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[],
    collect: (gauge: Gauge<L>) => Promise<void> | void,
  ): Gauge<L> {
    return new Gauge<L>({
      name,
      help,
      labelNames,
      registers: [this.registry],
      collect() {
        return collect(this);
      },
    });
  }
}
