import type { ExecutionEvent, ExecutionRecord, ExecutionSnapshot, StepLease, StepRecord } from '@baton/engine';
import { json } from './execution-rows';

export const STEP_COLUMNS =
  'execution_id, step_id, node_id, status, attempt, attempt_offset, input, output, error, handles, queued, wake_at, started_at, ended_at, duration_ms, state, credits, tokens, node_type, items';

export const EXECUTION_COLUMNS =
  'id, workspace_id, workflow_id, workflow_version_id, format, definition, input, output, status, mode, ' +
  'durability, trigger, priority, tags, error, cause, redrive_count, created_at, started_at, ended_at, deadline_at, last_sequence, ' +
  'parent_execution_id, parent_step_id';
export const EXECUTION_COLUMN_COUNT = 24;

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
    execution.parentExecutionId ?? null,
    execution.parentStepId ?? null,
  ];
}

/** When the step's job is due: what the stalled-work sweep looks for (null: it has none). */
export function dueAtOf(step: StepRecord, now: Date): Date | null {
  return (step.status === 'pending' && step.queued) || step.status === 'retrying' ? (step.wakeAt ?? now) : null;
}

/** One execution to import: its row, its steps with their leases, its events. */
export interface ExecutionImport {
  snapshot: ExecutionSnapshot;
  events: ExecutionEvent[];
  leases: StepLease[];
}

/**
 * One INSERT statement writing whole executions (their rows, every step row with its lease,
 * every event): data-modifying CTEs over one JSON array per table, unpacked by
 * `jsonb_to_recordset`. A single statement is atomic by itself (foreign keys are checked at its
 * end), so an express run costs one round trip however many steps it had, several runs ending
 * at once share it, and no statement hits PostgreSQL's 65,535-parameter limit. JSON-typed values
 * travel as text and are cast, so they are stored exactly as the per-step writes store them
 * (`null` output as JSON null).
 */
export function importExecutionsStatement(imports: ExecutionImport[], now: Date): { sql: string; params: string[] } {
  const executions = imports.map(({ snapshot, events }) => executionRowOf(snapshot.execution, events));
  const steps = imports.flatMap(({ snapshot, leases }) => {
    const leaseOf = new Map(leases.map((lease) => [lease.stepId, lease.leaseUntil]));
    return snapshot.steps.map((s) => ({
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
      credits: s.usage?.credits ?? 0,
      tokens: s.usage?.tokens ?? 0,
      node_type: s.usage?.nodeType ?? null,
      items: json(s.items ?? null),
      due_at: dueAtOf(s, now),
      lease_until: leaseOf.get(s.stepId) ?? null,
    }));
  });
  const events = imports.flatMap(({ events: list }) =>
    list.map((e) => ({
      execution_id: e.executionId,
      sequence: e.sequence,
      type: e.type,
      step_id: e.stepId ?? null,
      attempt: e.attempt ?? null,
      data: json(e.data),
      created_at: e.timestamp,
    })),
  );
  const sql = `
    WITH execution AS (
      INSERT INTO executions (${EXECUTION_COLUMNS})
      SELECT x.id, x.workspace_id, x.workflow_id, x.workflow_version_id, x.format, x.definition::jsonb,
        x.input::jsonb, x.output::jsonb, x.status, x.mode, x.durability, x.trigger, x.priority, x.tags, x.error,
        x.cause, x.redrive_count, x.created_at, x.started_at, x.ended_at, x.deadline_at, x.last_sequence,
        x.parent_execution_id, x.parent_step_id
      FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, workspace_id uuid, workflow_id uuid,
        workflow_version_id uuid, format varchar, definition text, input text, output text, status varchar,
        mode varchar, durability varchar, trigger varchar, priority int, tags text[], error varchar, cause text,
        redrive_count int, created_at timestamptz, started_at timestamptz, ended_at timestamptz,
        deadline_at timestamptz, last_sequence int, parent_execution_id uuid, parent_step_id varchar)
    ), steps AS (
      INSERT INTO execution_steps (${STEP_COLUMNS}, revision, due_at, lease_until)
      SELECT s.execution_id, s.step_id, s.node_id, s.status, s.attempt, s.attempt_offset, s.input::jsonb,
        s.output::jsonb, s.error::jsonb, s.handles, s.queued, s.wake_at, s.started_at, s.ended_at, s.duration_ms,
        s.state::jsonb, s.credits, s.tokens, s.node_type, s.items::jsonb, 0, s.due_at, s.lease_until
      FROM jsonb_to_recordset($2::jsonb) AS s(execution_id uuid, step_id varchar, node_id varchar,
        status varchar, attempt int, attempt_offset int, input text, output text, error text, handles text[],
        queued boolean, wake_at timestamptz, started_at timestamptz, ended_at timestamptz, duration_ms int,
        state text, credits numeric, tokens bigint, node_type varchar, items text, due_at timestamptz,
        lease_until timestamptz)
    )
    INSERT INTO execution_events (execution_id, sequence, type, step_id, attempt, data, created_at)
    SELECT e.execution_id, e.sequence, e.type, e.step_id, e.attempt, e.data::jsonb, e.created_at
    FROM jsonb_to_recordset($3::jsonb) AS e(execution_id uuid, sequence int, type varchar,
      step_id varchar, attempt int, data text, created_at timestamptz)`;
  return { sql, params: [JSON.stringify(executions), JSON.stringify(steps), JSON.stringify(events)] };
}

function executionRowOf(execution: ExecutionRecord, events: ExecutionEvent[]): Record<string, unknown> {
  return {
    id: execution.id,
    workspace_id: execution.workspaceId,
    workflow_id: execution.workflowId,
    workflow_version_id: execution.workflowVersionId,
    format: execution.format,
    definition: json(execution.definition),
    input: json(execution.input),
    output: json(execution.output),
    status: execution.status,
    mode: execution.mode,
    durability: execution.durability,
    trigger: execution.trigger,
    priority: execution.priority,
    tags: execution.tags,
    error: execution.error,
    cause: execution.cause,
    redrive_count: execution.redriveCount,
    created_at: execution.createdAt,
    started_at: execution.startedAt,
    ended_at: execution.endedAt,
    deadline_at: execution.deadlineAt,
    last_sequence: events.at(-1)?.sequence ?? 0,
    parent_execution_id: execution.parentExecutionId ?? null,
    parent_step_id: execution.parentStepId ?? null,
  };
}
