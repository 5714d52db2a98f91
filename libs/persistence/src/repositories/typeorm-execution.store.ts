import {
  ExecutionStore,
  ExecutionTransaction,
  InvalidInputError,
  type AdmissionSnapshot,
  type ExecutionEvent,
  type ExecutionPatch,
  type ExecutionRecord,
  type ExecutionSnapshot,
  type ExecutionStatus,
  type NewExecutionEvent,
  type StepJob,
  type StepLease,
  type StepRecord,
  type StepWatch,
} from '@baton/engine';
import type { DataSource, EntityManager } from 'typeorm';
import {
  json,
  toExecutionEvent,
  toExecutionRecord,
  toStepRecord,
  type EventRow,
  type ExecutionRow,
  type StepRow,
} from './execution-rows';
import {
  dueAtOf,
  EXECUTION_COLUMN_COUNT,
  EXECUTION_COLUMNS,
  executionValues,
  type ExecutionImport,
  importExecutionsStatement,
  placeholders,
  STEP_COLUMNS,
} from './import-execution-statement';
import { GroupCommit } from './group-commit';
import { type RevisedStep, StepSnapshotCache } from './step-snapshot-cache';

/** Namespace (first key) of the per-workflow admission advisory locks. */
const ADMISSION_LOCK_SPACE = 7401;

/**
 * The engine's durable journal on PostgreSQL. `withExecutionLock` is a transaction holding the
 * execution row `FOR UPDATE`: one writer per execution across every process, and all of a unit
 * of work's writes commit together. Inside it only the transaction's manager is used (on the
 * embedded PGlite server a query on another pooled connection would wait for this transaction).
 */
export class TypeOrmExecutionStore extends ExecutionStore {
  /** Steps of recently touched executions: a load reads only the rows changed since. */
  private readonly cache = new StepSnapshotCache();

  /**
   * Imports (express runs ending, conversions) share statements: one INSERT for every run that
   * ended while the previous one was being written.
   */
  private readonly imports = new GroupCommit<ExecutionImport>(async (batch) => {
    const { sql, params } = importExecutionsStatement(batch, new Date());
    await this.dataSource.query(sql, params);
  });

  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async createExecution(execution: ExecutionRecord, steps: StepRecord[]): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await insertExecution(tx, execution, 0);
      await upsertSteps(tx, steps, 0);
    });
  }

  async importExecution(snapshot: ExecutionSnapshot, events: ExecutionEvent[], leases: StepLease[]): Promise<void> {
    return this.imports.write({ snapshot, events, leases });
  }

  async findExecution(executionId: string): Promise<ExecutionSnapshot | null> {
    const manager = this.dataSource.manager;
    const rows: ExecutionRow[] = await manager.query(`SELECT * FROM executions WHERE id = $1`, [executionId]);
    if (!rows.length) {
      this.cache.forget(executionId);
      return null;
    }
    const revision = Number(rows[0].revision);
    const cached = this.cache.revisionOf(executionId);
    // Cached at this revision (or a newer one a commit just stored): no step row needs reading.
    const delta = cached !== null && cached >= revision ? [] : await loadSteps(manager, executionId, cached);
    const steps =
      this.cache.advance(executionId, revision, delta, cached === null) ??
      this.cache.advance(executionId, revision, await loadSteps(manager, executionId, null), true)!;
    return { execution: toExecutionRecord(rows[0]), steps };
  }

  async withExecutionLock<T>(executionId: string, work: (tx: ExecutionTransaction) => Promise<T>): Promise<T> {
    let unit: TypeOrmExecutionTransaction | undefined;
    const result = await this.dataSource.transaction((manager) => {
      unit = new TypeOrmExecutionTransaction(manager, executionId, this.cache);
      return work(unit);
    });
    unit?.afterCommit();
    return result;
  }

  async findRunningExecutionIds(): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(`SELECT id FROM executions WHERE status = 'running'`);
    return rows.map((r) => r.id);
  }

  async findEvents(executionId: string, afterSequence = 0): Promise<ExecutionEvent[]> {
    const rows: EventRow[] = await this.dataSource.query(
      `SELECT * FROM execution_events WHERE execution_id = $1 AND sequence > $2 ORDER BY sequence`,
      [executionId, afterSequence],
    );
    return rows.map(toExecutionEvent);
  }

  async findExecutionsWithStalledWork(now: Date, overdueBefore: Date): Promise<string[]> {
    // Each branch is answered from a partial index (running steps by lease, queued ones by due
    // time, running executions), so parked executions that are not due cost nothing here.
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT s.execution_id AS id FROM execution_steps s JOIN executions e ON e.id = s.execution_id
       WHERE e.status = 'running' AND (
         (s.status = 'running' AND (s.state IS NULL OR s.state = 'null'::jsonb)
           AND (s.lease_until IS NULL OR s.lease_until < $1))
         OR (s.status = 'running' AND jsonb_typeof(s.state) = 'object' AND s.state ? 'external' AND (
           (s.state->'external'->>'timeoutAt')::timestamptz < $2 OR (s.state->'external'->>'heartbeatAt')::timestamptz < $2))
         OR (s.due_at IS NOT NULL AND s.due_at < $2))
       UNION
       SELECT id FROM executions WHERE status = 'running' AND deadline_at < $2`,
      [now, overdueBefore],
    );
    return rows.map((r) => r.id);
  }

  async findPendingExecutionIds(createdBefore: Date): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM executions WHERE status = 'pending' AND created_at < $1`,
      [createdBefore],
    );
    return rows.map((r) => r.id);
  }

  async renewStepLease(job: StepJob, leaseUntil: Date): Promise<StepWatch | null> {
    // Touches only the step row: it never waits for the execution lock unless that unit of work
    // changes this very step (a cancel), and then it sees the outcome.
    const result = await this.dataSource.query(
      `UPDATE execution_steps s SET lease_until = $4 FROM executions e
       WHERE s.execution_id = $1 AND s.step_id = $2 AND s.attempt = $3 AND s.status = 'running' AND e.id = s.execution_id
       RETURNING e.status, e.error`,
      [job.executionId, job.stepId, job.attempt, leaseUntil],
    );
    const row = rowsOf<{ status: ExecutionStatus; error: string | null }>(result)[0];
    return row ? { executionStatus: row.status, executionError: row.error } : null;
  }
}

class TypeOrmExecutionTransaction extends ExecutionTransaction {
  /** The execution's revision this unit of work writes (the one before it, plus one). */
  private revision: number | null = null;
  private readonly saved = new Map<string, StepRecord>();

  constructor(
    private readonly tx: EntityManager,
    private readonly executionId: string,
    private readonly cache: StepSnapshotCache,
  ) {
    super();
  }

  async loadExecution(): Promise<ExecutionSnapshot> {
    if (this.revision !== null) {
      const snapshot = await loadSnapshot(this.tx, this.executionId);
      if (!snapshot) throw new InvalidInputError(`Execution ${this.executionId} not found`, 'EXECUTION_NOT_FOUND');
      return snapshot;
    }
    // Takes the execution's row lock and its next revision in one statement. Every earlier
    // writer held this lock and committed, so the rows above the cached revision are all there.
    // Columns that never change (the definition, the input: megabytes for a large Map) are read
    // once per process, not on every unit of work.
    const fixed = this.cache.fixedOf(this.executionId);
    const row = { ...fixed, ...(await this.bumpRevision(fixed ? MUTABLE_EXECUTION_COLUMNS : '*')) } as ExecutionRow;
    const before = this.revision! - 1;
    const cached = this.cache.revisionOf(this.executionId);
    // A cache ahead of the locked row cannot be (writers commit in lock order): read it all again.
    const complete = cached === null || cached > before;
    const delta = cached === before ? [] : await loadSteps(this.tx, this.executionId, complete ? null : cached);
    const steps =
      this.cache.advance(this.executionId, before, delta, complete) ??
      this.cache.advance(this.executionId, before, await loadSteps(this.tx, this.executionId, null), true)!;
    if (!fixed) this.cache.keepFixed(this.executionId, fixedColumnsOf(row));
    return { execution: toExecutionRecord(row), steps };
  }

  /** Called once the transaction committed: the cache takes this unit of work's step rows. */
  afterCommit(): void {
    if (this.revision !== null) this.cache.committed(this.executionId, this.revision, [...this.saved.values()]);
  }

  private async bumpRevision(columns = 'revision'): Promise<ExecutionRow> {
    const result = await this.tx.query(
      `UPDATE executions SET revision = revision + 1 WHERE id = $1 RETURNING ${columns}`,
      [this.executionId],
    );
    const row = rowsOf<ExecutionRow>(result)[0];
    if (!row) throw new InvalidInputError(`Execution ${this.executionId} not found`, 'EXECUTION_NOT_FOUND');
    this.revision = Number(row.revision);
    return row;
  }

  async compareAndSetStatus(
    expected: ExecutionStatus[],
    next: ExecutionStatus,
    patch: ExecutionPatch = {},
  ): Promise<boolean> {
    const sets = ['status = $3'];
    const params: unknown[] = [this.executionId, expected, next];
    const columns: Record<keyof ExecutionPatch, string> = {
      output: 'output',
      error: 'error',
      cause: 'cause',
      startedAt: 'started_at',
      endedAt: 'ended_at',
      deadlineAt: 'deadline_at',
      redriveCount: 'redrive_count',
    };
    for (const [key, column] of Object.entries(columns) as [keyof ExecutionPatch, string][]) {
      if (!(key in patch)) continue;
      params.push(key === 'output' ? json(patch[key]) : patch[key]);
      sets.push(`${column} = $${params.length}`);
    }
    const result = await this.tx.query(
      `UPDATE executions SET ${sets.join(', ')} WHERE id = $1 AND status = ANY($2::varchar[]) RETURNING id`,
      params,
    );
    return rowsOf(result).length === 1;
  }

  async saveSteps(steps: StepRecord[]): Promise<void> {
    if (!steps.length) return;
    if (this.revision === null) await this.bumpRevision();
    // A payload this unit of work did not change is the same frozen object as the committed row's:
    // the upsert keeps the stored value instead of sending it again (a running Map's input).
    const committed = (step: StepRecord) =>
      this.saved.get(step.stepId) ?? this.cache.peek(this.executionId, step.stepId);
    await upsertSteps(this.tx, steps, this.revision!, committed);
    for (const step of steps) this.saved.set(step.stepId, step);
  }

  async claimStep(stepId: string, leaseUntil: Date, unlessLeasedAt: Date | null): Promise<boolean> {
    const result = await this.tx.query(
      `UPDATE execution_steps SET lease_until = $3
       WHERE execution_id = $1 AND step_id = $2 AND ($4::timestamptz IS NULL OR lease_until IS NULL OR lease_until <= $4)
       RETURNING step_id`,
      [this.executionId, stepId, leaseUntil, unlessLeasedAt],
    );
    return rowsOf(result).length === 1;
  }

  async loadAdmission(now: Date): Promise<AdmissionSnapshot> {
    const unlimited: AdmissionSnapshot = {
      maxConcurrentExecutions: null,
      maxStartsPerMinute: null,
      running: 0,
      recentStarts: [],
    };
    const limits: {
      workflow_id: string;
      max_concurrent_executions: number | null;
      max_starts_per_minute: number | null;
    }[] = await this.tx.query(
      `SELECT w.id AS workflow_id, w.max_concurrent_executions, w.max_starts_per_minute
       FROM executions e JOIN workflows w ON w.id = e.workflow_id WHERE e.id = $1`,
      [this.executionId],
    );
    const workflow = limits[0];
    if (!workflow || (workflow.max_concurrent_executions === null && workflow.max_starts_per_minute === null))
      return unlimited;
    // Admissions of one workflow take turns until commit, in every process: the counts below
    // then include every start committed before, and nobody else is deciding meanwhile.
    await this.tx.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [ADMISSION_LOCK_SPACE, workflow.workflow_id]);
    const running: { count: number }[] =
      workflow.max_concurrent_executions === null
        ? [{ count: 0 }]
        : await this.tx.query(
            `SELECT count(*)::int AS count FROM executions WHERE workflow_id = $1 AND status = 'running'`,
            [workflow.workflow_id],
          );
    // The newest `max` starts of the last minute decide; older ones cannot matter.
    const starts: { started_at: Date }[] =
      workflow.max_starts_per_minute === null
        ? []
        : await this.tx.query(
            `SELECT started_at FROM executions WHERE workflow_id = $1 AND started_at > $2 ORDER BY started_at DESC LIMIT $3`,
            [workflow.workflow_id, new Date(now.getTime() - 60_000), workflow.max_starts_per_minute],
          );
    return {
      maxConcurrentExecutions: workflow.max_concurrent_executions,
      maxStartsPerMinute: workflow.max_starts_per_minute,
      running: running[0].count,
      recentStarts: starts.map((r) => new Date(r.started_at)).reverse(),
    };
  }

  async appendEvents(events: NewExecutionEvent[], timestamp: Date): Promise<ExecutionEvent[]> {
    if (!events.length) return [];
    const result = await this.tx.query(
      `UPDATE executions SET last_sequence = last_sequence + $2 WHERE id = $1 RETURNING last_sequence`,
      [this.executionId, events.length],
    );
    const last: number = rowsOf<{ last_sequence: number }>(result)[0].last_sequence;
    const numbered: ExecutionEvent[] = events.map((event, i) => ({
      ...event,
      executionId: this.executionId,
      sequence: last - events.length + i + 1,
      timestamp,
    }));
    await insertEvents(this.tx, numbered);
    return numbered;
  }
}

async function insertExecution(tx: EntityManager, execution: ExecutionRecord, lastSequence: number): Promise<void> {
  await tx.query(
    `INSERT INTO executions (${EXECUTION_COLUMNS}) VALUES (${placeholders(1, EXECUTION_COLUMN_COUNT)})`,
    executionValues(execution, lastSequence),
  );
}

async function insertEvents(tx: EntityManager, events: ExecutionEvent[]): Promise<void> {
  // 7 parameters an event: 5,000 events a statement stays far below PostgreSQL's 65,535 limit.
  for (let start = 0; start < events.length; start += 5000) {
    const values: unknown[] = [];
    const tuples = events.slice(start, start + 5000).map((e) => {
      values.push(e.executionId, e.sequence, e.type, e.stepId ?? null, e.attempt ?? null, json(e.data), e.timestamp);
      const n = values.length;
      return `($${n - 6}, $${n - 5}, $${n - 4}, $${n - 3}, $${n - 2}, $${n - 1}, $${n})`;
    });
    await tx.query(
      `INSERT INTO execution_events (execution_id, sequence, type, step_id, attempt, data, created_at) VALUES ${tuples.join(', ')}`,
      values,
    );
  }
}

async function loadSnapshot(manager: EntityManager, executionId: string): Promise<ExecutionSnapshot | null> {
  const executions: ExecutionRow[] = await manager.query(`SELECT * FROM executions WHERE id = $1`, [executionId]);
  if (!executions.length) return null;
  const rows = await loadSteps(manager, executionId, null);
  return { execution: toExecutionRecord(executions[0]), steps: rows.map((row) => row.step) };
}

/** The execution's step rows, or only those written after revision `after`, with their revision. */
async function loadSteps(manager: EntityManager, executionId: string, after: number | null): Promise<RevisedStep[]> {
  const rows: Array<StepRow & { revision: string | number }> =
    after === null
      ? await manager.query(`SELECT ${STEP_COLUMNS}, revision FROM execution_steps WHERE execution_id = $1`, [
          executionId,
        ])
      : await manager.query(
          `SELECT ${STEP_COLUMNS}, revision FROM execution_steps WHERE execution_id = $1 AND revision > $2`,
          [executionId, after],
        );
  return rows.map((row) => ({ step: toStepRecord(row), revision: Number(row.revision) }));
}

/** Columns of an execution row a unit of work may change; the others are fixed at insert. */
const MUTABLE_EXECUTION_COLUMNS =
  'id, status, durability, output, error, cause, started_at, ended_at, deadline_at, redrive_count, revision';
const FIXED_EXECUTION_COLUMNS = [
  'workspace_id',
  'workflow_id',
  'workflow_version_id',
  'format',
  'definition',
  'input',
  'mode',
  'trigger',
  'priority',
  'tags',
  'created_at',
  'parent_execution_id',
  'parent_step_id',
] as const;

function fixedColumnsOf(row: ExecutionRow): Record<string, unknown> {
  return Object.fromEntries(FIXED_EXECUTION_COLUMNS.map((column) => [column, row[column]]));
}

/** A payload column's parameter: null (keep the stored value) when it is the committed row's own object. */
function payload(value: unknown, committed: unknown, known: boolean): string | null {
  if (known && value === committed && value !== null && typeof value === 'object') return null;
  return json(value ?? null);
}

async function upsertSteps(
  tx: EntityManager,
  steps: StepRecord[],
  revision: number,
  committed: (step: StepRecord) => StepRecord | undefined = () => undefined,
): Promise<void> {
  // One statement per 500 steps (22 parameters each) keeps the parameter count far below PostgreSQL's 65,535 limit.
  // Every row carries the revision of the unit of work that wrote it (see StepSnapshotCache).
  const now = new Date();
  for (let start = 0; start < steps.length; start += 500) {
    const batch = steps.slice(start, start + 500);
    const values: unknown[] = [];
    const tuples = batch.map((s) => {
      const before = committed(s);
      values.push(
        s.executionId,
        s.stepId,
        s.nodeId,
        s.status,
        s.attempt,
        s.attemptOffset,
        payload(s.input, before?.input, before !== undefined),
        payload(s.output, before?.output, before !== undefined),
        json(s.error),
        s.handles,
        s.queued,
        s.wakeAt,
        s.startedAt,
        s.endedAt,
        s.durationMs,
        payload(s.state, before?.state, before !== undefined),
        s.usage?.credits ?? 0,
        s.usage?.tokens ?? 0,
        s.usage?.nodeType ?? null,
        payload(s.items, before?.items, before !== undefined),
        revision,
        dueAtOf(s, now),
      );
      const base = values.length - 22;
      return `(${Array.from({ length: 22 }, (_, i) => `$${base + i + 1}`).join(', ')})`;
    });
    await tx.query(
      `INSERT INTO execution_steps (${STEP_COLUMNS}, revision, due_at) VALUES ${tuples.join(', ')}
       ON CONFLICT (execution_id, step_id) DO UPDATE SET
         status = EXCLUDED.status, attempt = EXCLUDED.attempt, attempt_offset = EXCLUDED.attempt_offset,
         input = COALESCE(EXCLUDED.input, execution_steps.input),
         output = COALESCE(EXCLUDED.output, execution_steps.output), error = EXCLUDED.error, handles = EXCLUDED.handles,
         queued = EXCLUDED.queued, wake_at = EXCLUDED.wake_at, started_at = EXCLUDED.started_at,
         ended_at = EXCLUDED.ended_at, duration_ms = EXCLUDED.duration_ms,
         state = COALESCE(EXCLUDED.state, execution_steps.state),
         credits = EXCLUDED.credits, tokens = EXCLUDED.tokens, node_type = EXCLUDED.node_type,
         items = COALESCE(EXCLUDED.items, execution_steps.items),
         revision = EXCLUDED.revision, due_at = EXCLUDED.due_at`,
      values,
    );
  }
}

/** TypeORM's postgres driver returns `[rows, count]` for UPDATE ... RETURNING and plain rows for SELECT. */
function rowsOf<T = unknown>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
}
