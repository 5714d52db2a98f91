import type { ExecutionStatus } from '@baton/engine';
import type { DataSource } from 'typeorm';

/** The executions a failure view or a bulk redrive is about; the workspace is always given. */
export interface FailureFilter {
  workspaceId: string;
  workflowId?: string;
  /** The execution's error name (`HTTP_500`, `States.TaskFailed`); null matches runs without one. */
  error?: string | null;
  /** Created at or after / strictly before. */
  from?: Date;
  to?: Date;
  tag?: string;
}

export type FailureGroupKey = 'workflow' | 'error';

/** One group of the failure view: how many, and when the first and last of them ended. */
export interface FailureGroupRecord {
  workflowId: string | null;
  workflowName: string | null;
  error: string | null;
  count: number;
  firstEndedAt: Date | null;
  lastEndedAt: Date | null;
  /** The newest execution of the group, to open from the list. */
  latestExecutionId: string;
}

export type StuckReason = 'over_expected_duration' | 'lease_expired';

/** An execution the stuck-run detector reports, with every reason that applies. */
export interface StuckExecutionRecord {
  id: string;
  workspaceId: string;
  workflowId: string | null;
  workflowName: string | null;
  status: ExecutionStatus;
  startedAt: Date | null;
  expectedDurationSeconds: number | null;
  reasons: StuckReason[];
  /** Running steps whose lease ran out longer ago than the grace. */
  expiredLeaseSteps: string[];
}

interface StuckRow {
  id: string;
  workspace_id: string;
  workflow_id: string | null;
  workflow_name: string | null;
  status: ExecutionStatus;
  started_at: Date | string | null;
  expected_duration_seconds: number | null;
  over_duration: boolean;
  expired_steps: string[] | null;
}

/**
 * The dead-letter questions: which executions failed, grouped by workflow and error; which of
 * them a bulk redrive takes; which live executions look stuck. Every query is workspace-scoped
 * except the stuck count, which feeds the installation-wide metric.
 */
export class DeadLetterRepository {
  constructor(private readonly dataSource: DataSource) {}

  async groupFailures(
    filter: FailureFilter & { statuses: ExecutionStatus[] },
    by: FailureGroupKey[],
    limit: number,
  ): Promise<FailureGroupRecord[]> {
    const { where, params } = whereOf(filter, filter.statuses);
    const byWorkflow = by.includes('workflow');
    const byError = by.includes('error');
    const keys = [...(byWorkflow ? ['e.workflow_id'] : []), ...(byError ? ['e.error'] : [])];
    params.push(limit);
    const rows: Array<{
      workflow_id: string | null;
      workflow_name: string | null;
      error: string | null;
      count: number;
      first_ended_at: Date | string | null;
      last_ended_at: Date | string | null;
      latest_id: string;
    }> = await this.dataSource.query(
      `SELECT ${byWorkflow ? 'e.workflow_id' : 'NULL::uuid'} AS workflow_id,
              ${byWorkflow ? 'min(w.name)' : 'NULL'} AS workflow_name,
              ${byError ? 'e.error' : 'NULL'} AS error,
              count(*)::int AS count,
              min(e.ended_at) AS first_ended_at,
              max(e.ended_at) AS last_ended_at,
              (array_agg(e.id ORDER BY e.created_at DESC, e.id DESC))[1] AS latest_id
         FROM executions e
         LEFT JOIN workflows w ON w.id = e.workflow_id
        WHERE ${where}
        ${keys.length ? `GROUP BY ${keys.join(', ')}` : ''}
        ORDER BY count(*) DESC, max(e.ended_at) DESC NULLS LAST
        LIMIT $${params.length}`,
      params,
    );
    return rows.map((row) => ({
      workflowId: row.workflow_id,
      workflowName: row.workflow_name,
      error: row.error,
      count: row.count,
      firstEndedAt: toDate(row.first_ended_at),
      lastEndedAt: toDate(row.last_ended_at),
      latestExecutionId: row.latest_id,
    }));
  }

  /** Failed executions matching the filter (or the given ids), oldest failure first. */
  async findFailedIds(filter: FailureFilter & { executionIds?: string[] }, limit: number): Promise<string[]> {
    const { where, params } = whereOf(filter, ['failed']);
    let conditions = where;
    if (filter.executionIds?.length) {
      params.push(filter.executionIds);
      conditions += ` AND e.id = ANY($${params.length}::uuid[])`;
    }
    params.push(limit);
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT e.id FROM executions e WHERE ${conditions} ORDER BY e.ended_at, e.id LIMIT $${params.length}`,
      params,
    );
    return rows.map((row) => row.id);
  }

  /**
   * Live executions running past their workflow's expected duration, or with a running step
   * whose lease expired more than `leaseGraceMs` ago (recovery should have taken it by then).
   */
  async findStuck(query: {
    now: Date;
    leaseGraceMs: number;
    workspaceId: string | null;
    limit: number;
  }): Promise<StuckExecutionRecord[]> {
    const params: unknown[] = [query.now.toISOString(), query.leaseGraceMs, query.limit];
    const workspace = query.workspaceId ? `AND e.workspace_id = $${params.push(query.workspaceId)}::uuid` : '';
    const rows: StuckRow[] = await this.dataSource.query(
      `WITH expired AS (
         SELECT s.execution_id, array_agg(s.step_id ORDER BY s.step_id) AS steps
           FROM execution_steps s
          WHERE s.status = 'running'
            AND s.lease_until < $1::timestamptz - make_interval(secs => $2::double precision / 1000)
          GROUP BY s.execution_id
       )
       SELECT e.id, e.workspace_id, e.workflow_id, w.name AS workflow_name, e.status, e.started_at,
              w.expected_duration_seconds,
              COALESCE(e.status = 'running' AND e.started_at
                < $1::timestamptz - make_interval(secs => w.expected_duration_seconds), false) AS over_duration,
              x.steps AS expired_steps
         FROM executions e
         LEFT JOIN workflows w ON w.id = e.workflow_id
         LEFT JOIN expired x ON x.execution_id = e.id
        WHERE e.status IN ('running', 'pending') ${workspace}
          AND (x.execution_id IS NOT NULL
               OR (e.status = 'running' AND w.expected_duration_seconds IS NOT NULL
                   AND e.started_at < $1::timestamptz - make_interval(secs => w.expected_duration_seconds)))
        ORDER BY e.started_at NULLS LAST, e.id
        LIMIT $3`,
      params,
    );
    return rows.map((row) => ({
      id: row.id,
      workspaceId: row.workspace_id,
      workflowId: row.workflow_id,
      workflowName: row.workflow_name,
      status: row.status,
      startedAt: toDate(row.started_at),
      expectedDurationSeconds: row.expected_duration_seconds,
      reasons: [
        ...(row.over_duration ? (['over_expected_duration'] as const) : []),
        ...(row.expired_steps?.length ? (['lease_expired'] as const) : []),
      ],
      expiredLeaseSteps: row.expired_steps ?? [],
    }));
  }
}

function whereOf(filter: FailureFilter, statuses: ExecutionStatus[]): { where: string; params: unknown[] } {
  const params: unknown[] = [filter.workspaceId, statuses];
  const conditions = ['e.workspace_id = $1::uuid', 'e.status = ANY($2::varchar[])'];
  const add = (sql: (placeholder: string) => string, value: unknown) => {
    params.push(value);
    conditions.push(sql(`$${params.length}`));
  };
  if (filter.workflowId) add((p) => `e.workflow_id = ${p}::uuid`, filter.workflowId);
  if (filter.error === null) conditions.push('e.error IS NULL');
  else if (filter.error !== undefined) add((p) => `e.error = ${p}::varchar`, filter.error);
  if (filter.tag) add((p) => `${p}::text = ANY(e.tags)`, filter.tag);
  if (filter.from) add((p) => `e.created_at >= ${p}::timestamptz`, filter.from.toISOString());
  if (filter.to) add((p) => `e.created_at < ${p}::timestamptz`, filter.to.toISOString());
  return { where: conditions.join(' AND '), params };
}

const toDate = (value: Date | string | null): Date | null => (value === null ? null : new Date(value));
