import type { DataSource, EntityManager } from 'typeorm';

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

/** The group key of live step rows (`s`, `e`) and of rolled-up rows (`r`). */
const GROUPS: Record<UsageGroupBy, { live: string; rolledUp: string; order: string }> = {
  workflow: { live: `e.workflow_id::text`, rolledUp: `r.workflow_id::text`, order: `credits DESC, key` },
  nodeType: { live: `s.node_type`, rolledUp: `r.node_type`, order: `credits DESC, key` },
  day: {
    live: `to_char(${STEP_TIME} AT TIME ZONE 'UTC', 'YYYY-MM-DD')`,
    rolledUp: `to_char(r.day, 'YYYY-MM-DD')`,
    order: `key`,
  },
};

/** Rounds sums of numeric(18,4) values read back as strings. */
const credits = (value: string | number | null): number => Math.round(Number(value ?? 0) * 10_000) / 10_000;

/** Answers "what did this workspace's steps cost" from the cost each step row carries. */
export class UsageRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Credits of the workspace's steps that ended in [from, to), grouped: the live step rows plus
   * what retention rolled up of deleted executions (whole UTC days whose start is in the window).
   */
  async report(workspaceId: string, from: Date, to: Date, groupBy: UsageGroupBy): Promise<UsageReport> {
    const group = GROUPS[groupBy];
    const rows: Array<{
      key: string | null;
      label: string | null;
      credits: string;
      tokens: string;
      steps: string | number;
      executions: string | number;
    }> = await this.dataSource.query(
      // A step cannot end before its execution was created: the bound lets the workspace index
      // (workspace_id, created_at) narrow the executions read. A rolled-up run counts once per
      // day and workflow (the most it appeared under one node type: every run has its start node).
      `WITH live AS (
         SELECT ${group.live} AS key, sum(s.credits) AS credits, sum(s.tokens) AS tokens,
                count(*) AS steps, count(DISTINCT s.execution_id) AS executions
           FROM execution_steps s JOIN executions e ON e.id = s.execution_id
          WHERE e.workspace_id = $1 AND e.created_at < $3 AND s.node_type IS NOT NULL
            AND ${STEP_TIME} >= $2 AND ${STEP_TIME} < $3
          GROUP BY 1
       ), rolled_up AS (
         SELECT key, sum(credits) AS credits, sum(tokens) AS tokens, sum(steps) AS steps, sum(executions) AS executions
           FROM (SELECT ${group.rolledUp} AS key, sum(r.credits) AS credits, sum(r.tokens) AS tokens,
                        sum(r.steps) AS steps, max(r.executions) AS executions
                   FROM usage_rollups r
                  WHERE r.workspace_id = $1 AND (r.day::timestamp AT TIME ZONE 'UTC') >= $2
                    AND (r.day::timestamp AT TIME ZONE 'UTC') < $3
                  GROUP BY 1, r.day, r.workflow_id) per_day
          GROUP BY key
       ), keys AS (SELECT key FROM live UNION SELECT key FROM rolled_up)
       SELECT k.key, ${groupBy === 'workflow' ? `(SELECT w.name FROM workflows w WHERE w.id = k.key::uuid)` : 'NULL'} AS label,
              COALESCE(l.credits, 0) + COALESCE(p.credits, 0) AS credits,
              COALESCE(l.tokens, 0) + COALESCE(p.tokens, 0) AS tokens,
              COALESCE(l.steps, 0) + COALESCE(p.steps, 0) AS steps,
              COALESCE(l.executions, 0) + COALESCE(p.executions, 0) AS executions
         FROM keys k
         LEFT JOIN live l ON l.key IS NOT DISTINCT FROM k.key
         LEFT JOIN rolled_up p ON p.key IS NOT DISTINCT FROM k.key
        ORDER BY ${group.order}`,
      [workspaceId, from, to],
    );
    const groups = rows.map((row) => ({
      key: row.key,
      label: row.label,
      credits: credits(row.credits),
      tokens: Number(row.tokens),
      steps: Number(row.steps),
      executions: Number(row.executions),
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

/**
 * Adds the step costs of executions `executionIds` to `usage_rollups` (per workspace, UTC day,
 * workflow and node type). The retention job calls it in the transaction that deletes them, so
 * the usage report keeps counting them.
 */
export async function rollUpUsage(tx: EntityManager, executionIds: string[]): Promise<void> {
  await tx.query(
    `INSERT INTO usage_rollups (workspace_id, day, workflow_id, node_type, credits, tokens, steps, executions)
     SELECT e.workspace_id, (${STEP_TIME} AT TIME ZONE 'UTC')::date, e.workflow_id, s.node_type,
            sum(s.credits), sum(s.tokens), count(*), count(DISTINCT s.execution_id)
       FROM execution_steps s JOIN executions e ON e.id = s.execution_id
      WHERE s.execution_id = ANY($1::uuid[]) AND s.node_type IS NOT NULL AND ${STEP_TIME} IS NOT NULL
      GROUP BY 1, 2, 3, 4
     ON CONFLICT (workspace_id, day, (COALESCE(workflow_id, '00000000-0000-0000-0000-000000000000'::uuid)), node_type)
     DO UPDATE SET credits = usage_rollups.credits + EXCLUDED.credits, tokens = usage_rollups.tokens + EXCLUDED.tokens,
       steps = usage_rollups.steps + EXCLUDED.steps, executions = usage_rollups.executions + EXCLUDED.executions`,
    [executionIds],
  );
}
