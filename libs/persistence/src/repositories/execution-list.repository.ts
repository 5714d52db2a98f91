import type { ExecutionRecord, ExecutionStatus } from '@baton/engine';
import type { DataSource } from 'typeorm';
import { decodePageCursor, encodePageCursor } from './page-cursor';
import { InvalidCursorError } from './workflow.repository';

/** What the executions list may be narrowed by; every filter is optional except the workspace. */
export interface ExecutionListFilter {
  workspaceId: string;
  workflowId?: string;
  /** Any of these statuses. */
  statuses?: ExecutionStatus[];
  tag?: string;
  /** Only the child executions this execution started. */
  parentExecutionId?: string;
  /** Created at or after. */
  from?: Date;
  /** Created strictly before. */
  to?: Date;
  cursor?: string;
  limit: number;
}

/** One execution without its definition, input, output or steps: a row of the monitor's list. */
export type ExecutionSummaryRecord = Pick<
  ExecutionRecord,
  | 'id'
  | 'workflowId'
  | 'workflowVersionId'
  | 'format'
  | 'status'
  | 'mode'
  | 'durability'
  | 'trigger'
  | 'priority'
  | 'tags'
  | 'error'
  | 'cause'
  | 'createdAt'
  | 'startedAt'
  | 'endedAt'
  | 'parentExecutionId'
  | 'parentStepId'
>;

export interface ExecutionSummaryPage {
  items: ExecutionSummaryRecord[];
  nextCursor: string | null;
}

interface SummaryRow {
  id: string;
  workflow_id: string | null;
  workflow_version_id: string | null;
  format: string;
  status: ExecutionStatus;
  mode: ExecutionRecord['mode'];
  durability: ExecutionRecord['durability'];
  trigger: string;
  priority: number;
  tags: string[];
  error: string | null;
  cause: string | null;
  created_at: Date | string;
  started_at: Date | string | null;
  ended_at: Date | string | null;
  parent_execution_id: string | null;
  parent_step_id: string | null;
  cursor_at: string;
}

/**
 * Answers "which executions ran in this workspace", newest first, with keyset pagination over
 * (created_at DESC, id DESC): the `executions_workspace_page_idx` index serves it, and a page
 * never repeats or skips a row while new executions are being created.
 */
export class ExecutionListRepository {
  constructor(private readonly dataSource: DataSource) {}

  async listPage(filter: ExecutionListFilter): Promise<ExecutionSummaryPage> {
    const conditions = ['workspace_id = $1'];
    const params: unknown[] = [filter.workspaceId];
    const where = (sql: (placeholder: string) => string, value: unknown) => {
      params.push(value);
      conditions.push(sql(`$${params.length}`));
    };
    if (filter.workflowId) where((p) => `workflow_id = ${p}::uuid`, filter.workflowId);
    if (filter.statuses?.length) where((p) => `status = ANY(${p}::varchar[])`, filter.statuses);
    if (filter.tag) where((p) => `${p}::text = ANY(tags)`, filter.tag);
    if (filter.parentExecutionId) where((p) => `parent_execution_id = ${p}::uuid`, filter.parentExecutionId);
    if (filter.from) where((p) => `created_at >= ${p}::timestamptz`, filter.from.toISOString());
    if (filter.to) where((p) => `created_at < ${p}::timestamptz`, filter.to.toISOString());
    if (filter.cursor) {
      const cursor = decodePageCursor(filter.cursor);
      if (!cursor) throw new InvalidCursorError('cursor is not a cursor returned by this endpoint');
      params.push(cursor.createdAt, cursor.id);
      conditions.push(`(created_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(filter.limit + 1);
    const rows: SummaryRow[] = await this.dataSource.query(
      `SELECT id, workflow_id, workflow_version_id, format, status, mode, durability, trigger, priority, tags, error, cause,
              created_at, started_at, ended_at, parent_execution_id, parent_step_id,
              -- Microsecond text, not a JS Date (ms): the cursor must compare equal to the stored value.
              to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at
         FROM executions
        WHERE ${conditions.join(' AND ')}
        ORDER BY created_at DESC, id DESC
        LIMIT $${params.length}`,
      params,
    );
    const page = rows.slice(0, filter.limit);
    const last = page.at(-1);
    return {
      items: page.map(toSummary),
      nextCursor:
        rows.length > filter.limit && last ? encodePageCursor({ createdAt: last.cursor_at, id: last.id }) : null,
    };
  }
}

const toDate = (value: Date | string | null): Date | null => (value === null ? null : new Date(value));

function toSummary(row: SummaryRow): ExecutionSummaryRecord {
  return {
    id: row.id,
    workflowId: row.workflow_id,
    workflowVersionId: row.workflow_version_id,
    format: row.format,
    status: row.status,
    mode: row.mode,
    durability: row.durability,
    trigger: row.trigger,
    priority: row.priority,
    tags: row.tags,
    error: row.error,
    cause: row.cause,
    createdAt: toDate(row.created_at)!,
    startedAt: toDate(row.started_at),
    endedAt: toDate(row.ended_at),
    parentExecutionId: row.parent_execution_id,
    parentStepId: row.parent_step_id,
  };
}
