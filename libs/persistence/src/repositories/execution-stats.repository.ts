import type { DataSource } from 'typeorm';

/** Executions that ended in a window, by how they ended. */
export interface FinishedCounts {
  completed: number;
  failed: number;
  cancelled: number;
}

/** Executions not yet ended, by status. */
export interface OpenCounts {
  pending: number;
  running: number;
  paused: number;
}

/** Answers the monitor's throughput questions about one workspace's executions. */
export class ExecutionStatsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** How many executions ended at or after `since`, by final status. */
  async countFinishedSince(workspaceId: string, since: Date): Promise<FinishedCounts> {
    const rows: { status: string; count: string | number }[] = await this.dataSource.query(
      `SELECT status, count(*) AS count FROM executions
        WHERE workspace_id = $1 AND ended_at >= $2::timestamptz AND status IN ('completed', 'failed', 'cancelled')
        GROUP BY status`,
      [workspaceId, since.toISOString()],
    );
    return { completed: 0, failed: 0, cancelled: 0, ...countsByStatus(rows) };
  }

  /** How many executions are pending, running or paused right now. */
  async countOpen(workspaceId: string): Promise<OpenCounts> {
    // executions_running_idx covers pending and running; paused runs are few.
    const rows: { status: string; count: string | number }[] = await this.dataSource.query(
      `SELECT status, count(*) AS count FROM executions
        WHERE workspace_id = $1 AND status IN ('pending', 'running', 'paused')
        GROUP BY status`,
      [workspaceId],
    );
    return { pending: 0, running: 0, paused: 0, ...countsByStatus(rows) };
  }
}

function countsByStatus(rows: { status: string; count: string | number }[]): Record<string, number> {
  // count(*) is bigint, which node-postgres returns as text.
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
}
