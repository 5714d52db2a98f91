import type { ExecutionEvent, ExecutionRecord, StepRecord } from '@baton/engine';

/** Row shapes of the journal tables and their mapping to the engine's plain records. */
export interface ExecutionRow {
  id: string;
  workspace_id: string;
  workflow_id: string | null;
  workflow_version_id: string | null;
  format: string;
  definition: unknown;
  input: unknown;
  output: unknown;
  status: ExecutionRecord['status'];
  mode: ExecutionRecord['mode'];
  durability: ExecutionRecord['durability'];
  trigger: string;
  priority: number;
  tags: string[];
  error: string | null;
  cause: string | null;
  redrive_count: number;
  created_at: Date;
  started_at: Date | null;
  ended_at: Date | null;
  deadline_at: Date | null;
  parent_execution_id: string | null;
  parent_step_id: string | null;
  /** bigint: comes back as a string. */
  revision: string | number;
}

export interface StepRow {
  execution_id: string;
  step_id: string;
  node_id: string;
  status: StepRecord['status'];
  attempt: number;
  attempt_offset: number;
  input: unknown;
  output: unknown;
  error: StepRecord['error'];
  handles: string[] | null;
  queued: boolean;
  wake_at: Date | null;
  started_at: Date | null;
  ended_at: Date | null;
  duration_ms: number | null;
  state: unknown;
  /** numeric: comes back as a string. */
  credits: string | number;
  /** bigint: comes back as a string. */
  tokens: string | number;
  node_type: string | null;
  /** A container's branch/iteration inputs; null on other steps. */
  items: unknown[] | null;
}

export interface EventRow {
  execution_id: string;
  sequence: number;
  type: ExecutionEvent['type'];
  step_id: string | null;
  attempt: number | null;
  data: Record<string, unknown> | null;
  created_at: Date;
}

export function toExecutionRecord(row: ExecutionRow): ExecutionRecord {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    workflowId: row.workflow_id,
    workflowVersionId: row.workflow_version_id,
    format: row.format,
    definition: row.definition,
    input: row.input,
    output: row.output,
    status: row.status,
    mode: row.mode,
    durability: row.durability,
    trigger: row.trigger,
    priority: row.priority,
    tags: row.tags,
    error: row.error,
    cause: row.cause,
    createdAt: row.created_at,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    deadlineAt: row.deadline_at,
    redriveCount: row.redrive_count,
    ...(row.parent_execution_id
      ? { parentExecutionId: row.parent_execution_id, parentStepId: row.parent_step_id }
      : {}),
  };
}

export function toStepRecord(row: StepRow): StepRecord {
  return {
    executionId: row.execution_id,
    stepId: row.step_id,
    nodeId: row.node_id,
    status: row.status,
    attempt: row.attempt,
    attemptOffset: row.attempt_offset,
    input: row.input,
    output: row.output,
    error: row.error,
    handles: row.handles,
    queued: row.queued,
    wakeAt: row.wake_at,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    durationMs: row.duration_ms,
    state: row.state,
    ...(row.node_type !== null
      ? { usage: { nodeType: row.node_type, credits: Number(row.credits), tokens: Number(row.tokens) } }
      : {}),
    ...(row.items !== null && row.items !== undefined ? { items: row.items } : {}),
  };
}

export function toExecutionEvent(row: EventRow): ExecutionEvent {
  return {
    executionId: row.execution_id,
    sequence: row.sequence,
    type: row.type,
    ...(row.step_id !== null ? { stepId: row.step_id } : {}),
    ...(row.attempt !== null ? { attempt: row.attempt } : {}),
    ...(row.data !== null ? { data: row.data } : {}),
    timestamp: row.created_at,
  };
}

/** jsonb parameters go over the wire as JSON text; `undefined` is stored as SQL NULL. */
export const json = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value));
