import type { DataSource } from 'typeorm';

export type UsageGroupBy = 'workflow' | 'nodeType' | 'day';

/** One group of a usage report. */
export interface UsageGroup {
  /** Workflow id (null: runs of unsaved definitions), `type@version`, or `YYYY-MM-DD` (UTC). */
  key: string | null;
  /** The workflow's name when grouped by workflow. */
  label: string | null;
  credits: number;
  tokens: number;
  /** Steps metered in the window (free ones included), each summed over its attempts. */
  steps: number;
  executions: number;
}

export interface UsageReport {
  from: Date;
  to: Date;
  groupBy: UsageGroupBy;
  totalCredits: number;
  totalTokens: number;
  groups: UsageGroup[];
}

/** When a step's cost counts: when it last ended (a parked or iterating step: when it started). */
const STEP_TIME = `COALESCE(s.ended_at, s.started_at)`;

const GROUPS: Record<UsageGroupBy, { key: string; label: string; order: string }> = {
  workflow: { key: `e.workflow_id::text`, label: `max(w.name)`, order: `credits DESC, key` },
  nodeType: { key: `s.node_type`, label: `NULL`, order: `credits DESC, key` },
  day: { key: `to_char(${STEP_TIME} AT TIME ZONE 'UTC', 'YYYY-MM-DD')`, label: `NULL`, order: `key` },
};

/** Rounds sums of numeric(18,4) values read back as strings. */
const credits = (value: string | number | null): number => Math.round(Number(value ?? 0) * 10_000) / 10_000;

/** Answers "what did this workspace's steps cost" from the cost each step row carries. */
export class UsageRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Credits of the workspace's steps that ended in [from, to), grouped. */
  async report(workspaceId: string, from: Date, to: Date, groupBy: UsageGroupBy): Promise<UsageReport> {
    const group = GROUPS[groupBy];
    // A step cannot end before its execution was created: the bound lets the workspace index
    // (workspace_id, created_at) narrow the executions read.
    const rows: Array<{
      key: string | null;
      label: string | null;
      credits: string;
      tokens: string;
      steps: number;
      executions: number;
    }> = await this.dataSource.query(
      `SELECT ${group.key} AS key, ${group.label} AS label, sum(s.credits) AS credits, sum(s.tokens) AS tokens,
              count(*)::int AS steps, count(DISTINCT s.execution_id)::int AS executions
         FROM execution_steps s
         JOIN executions e ON e.id = s.execution_id
         LEFT JOIN workflows w ON w.id = e.workflow_id
        WHERE e.workspace_id = $1 AND e.created_at < $3 AND s.node_type IS NOT NULL
          AND ${STEP_TIME} >= $2 AND ${STEP_TIME} < $3
        GROUP BY 1
        ORDER BY ${group.order}`,
      [workspaceId, from, to],
    );
    const groups = rows.map((row) => ({
      key: row.key,
      label: row.label,
      credits: credits(row.credits),
      tokens: Number(row.tokens),
      steps: row.steps,
      executions: row.executions,
    }));
    return {
      from,
      to,
      groupBy,
      totalCredits: credits(groups.reduce((sum, g) => sum + g.credits, 0)),
      totalTokens: groups.reduce((sum, g) => sum + g.tokens, 0),
      groups,
    };
  }
}
