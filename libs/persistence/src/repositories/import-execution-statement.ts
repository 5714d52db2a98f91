import type { ExecutionEvent, ExecutionRecord, ExecutionSnapshot, StepLease, StepRecord } from '@baton/engine';
import { json } from './execution-rows';

export const STEP_COLUMNS =
  'execution_id, step_id, node_id, status, attempt, attempt_offset, input, output, error, handles, queued, wake_at, started_at, ended_at, duration_ms, state';

export const EXECUTION_COLUMNS =
  'id, workspace_id, workflow_id, workflow_version_id, format, definition, input, output, status, mode, ' +
  'durability, trigger, priority, tags, error, cause, redrive_count, created_at, started_at, ended_at, deadline_at, last_sequence';
export const EXECUTION_COLUMN_COUNT = 22;

/** `$from, ..., $(from + count - 1)`. */
export const placeholders = (from: number, count: number): string =>
  Array.from({ length: count }, (_, i) => `$${from + i}`).join(', ');

/** The parameters of one executions row, in EXECUTION_COLUMNS order. */
export function executionValues(execution: ExecutionRecord, lastSequence: number): unknown[] {
  return [
    execution.id,
    execution.workspaceId,
    execution.workflowId,
    execution.workflowVersionId,
    execution.format,
    json(execution.definition),
    json(execution.input),
    json(execution.output),
    execution.status,
    execution.mode,
    execution.durability,
    execution.trigger,
    execution.priority,
    execution.tags,
    execution.error,
    execution.cause,
    execution.redriveCount,
    execution.createdAt,
    execution.startedAt,
    execution.endedAt,
    execution.deadlineAt,
    lastSequence,
  ];
}

/** When the step's job is due: what the stalled-work sweep looks for (null: it has none). */
export function dueAtOf(step: StepRecord, now: Date): Date | null {
  return (step.status === 'pending' && step.queued) || step.status === 'retrying' ? (step.wakeAt ?? now) : null;
}

/**
 * One INSERT statement writing a whole execution (its row, every step row with its lease, every
 * event): data-modifying CTEs, with the steps and events as one JSON array each, unpacked by
 * `jsonb_to_recordset`. A single statement is atomic by itself (foreign keys are checked at its
 * end), so an express run costs one round trip however many steps it had, and no statement hits
 * PostgreSQL's 65,535-parameter limit. JSON-typed values travel as text and are cast, so they are
 * stored exactly as the per-step writes store them (`null` output as JSON null).
 */
export function importExecutionStatement(
  snapshot: ExecutionSnapshot,
  events: ExecutionEvent[],
  leases: StepLease[],
  now: Date,
): { sql: string; params: unknown[] } {
  const leaseOf = new Map(leases.map((lease) => [lease.stepId, lease.leaseUntil]));
  const steps = snapshot.steps.map((s) => ({
    execution_id: s.executionId,
    step_id: s.stepId,
    node_id: s.nodeId,
    status: s.status,
    attempt: s.attempt,
    attempt_offset: s.attemptOffset,
    input: json(s.input),
    output: json(s.output),
    error: json(s.error),
    handles: s.handles,
    queued: s.queued,
    wake_at: s.wakeAt,
    started_at: s.startedAt,
    ended_at: s.endedAt,
    duration_ms: s.durationMs,
    state: json(s.state),
    due_at: dueAtOf(s, now),
    lease_until: leaseOf.get(s.stepId) ?? null,
  }));
  const rows = events.map((e) => ({
    execution_id: e.executionId,
    sequence: e.sequence,
    type: e.type,
    step_id: e.stepId ?? null,
    attempt: e.attempt ?? null,
    data: json(e.data),
    created_at: e.timestamp,
  }));
  const stepsParam = EXECUTION_COLUMN_COUNT + 1;
  const eventsParam = EXECUTION_COLUMN_COUNT + 2;
  const sql = `
    WITH execution AS (
      INSERT INTO executions (${EXECUTION_COLUMNS}) VALUES (${placeholders(1, EXECUTION_COLUMN_COUNT)})
    ), steps AS (
      INSERT INTO execution_steps (${STEP_COLUMNS}, revision, due_at, lease_until)
      SELECT s.execution_id, s.step_id, s.node_id, s.status, s.attempt, s.attempt_offset, s.input::jsonb,
        s.output::jsonb, s.error::jsonb, s.handles, s.queued, s.wake_at, s.started_at, s.ended_at, s.duration_ms,
        s.state::jsonb, 0, s.due_at, s.lease_until
      FROM jsonb_to_recordset($${stepsParam}::jsonb) AS s(execution_id uuid, step_id varchar, node_id varchar,
        status varchar, attempt int, attempt_offset int, input text, output text, error text, handles text[],
        queued boolean, wake_at timestamptz, started_at timestamptz, ended_at timestamptz, duration_ms int,
        state text, due_at timestamptz, lease_until timestamptz)
    )
    INSERT INTO execution_events (execution_id, sequence, type, step_id, attempt, data, created_at)
    SELECT e.execution_id, e.sequence, e.type, e.step_id, e.attempt, e.data::jsonb, e.created_at
    FROM jsonb_to_recordset($${eventsParam}::jsonb) AS e(execution_id uuid, sequence int, type varchar,
      step_id varchar, attempt int, data text, created_at timestamptz)`;
  return {
    sql,
    params: [
      ...executionValues(snapshot.execution, events.at(-1)?.sequence ?? 0),
      JSON.stringify(steps),
      JSON.stringify(rows),
    ],
  };
}
