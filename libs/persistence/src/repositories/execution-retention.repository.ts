import type { DataSource, EntityManager } from 'typeorm';
import { rollUpUsage } from './usage.repository';

/** Namespace and key of the retention job's advisory lock (other Baton locks use other numbers). */
const RETENTION_LOCK = [7402, 1] as const;

/** What decides an execution's age limit; days are whole days after its end. */
export interface RetentionPolicy {
  now: Date;
  /** For workflows without `retention_days` (and runs without a workflow). */
  defaultDays: number;
  /** Failed runs are kept at least this long; null: like the others. */
  failedDays: number | null;
  /** Executions per transaction. */
  batchSize: number;
}

/** Rows one batch deleted, per table. */
export interface PrunedRows {
  executions: number;
  execution_steps: number;
  execution_events: number;
  asl_task_tokens: number;
  failure_notifications: number;
  trigger_runs: number;
}

/** One batch's outcome: `locked: false` when another process holds the retention lock. */
export type PruneBatchResult = { locked: false } | { locked: true; pruned: PrunedRows };

/**
 * Deletes finished executions past their retention with everything that hangs off them, one
 * small transaction per batch so no statement holds many locks or a long snapshot. Each batch
 * first takes a transaction-scoped advisory lock with `pg_try_advisory_xact_lock`: a process that
 * finds it taken stops its run, so one process prunes at a time. Transaction scope (not session
 * scope) because the embedded database is one PostgreSQL session shared by every connection,
 * where a session lock would exclude nothing (apps/api/src/database/protocol-aware-query-queue.ts).
 */
export class ExecutionRetentionRepository {
  constructor(private readonly dataSource: DataSource) {}

  async pruneBatch(policy: RetentionPolicy): Promise<PruneBatchResult> {
    return this.dataSource.transaction(async (tx) => {
      const [lock] = await tx.query(`SELECT pg_try_advisory_xact_lock($1, $2) AS locked`, [...RETENTION_LOCK]);
      if (!lock?.locked) return { locked: false };
      const ids = await this.findExpired(tx, policy);
      return { locked: true, pruned: ids.length ? await this.deleteAll(tx, ids) : emptyPrunedRows() };
    });
  }

  private async findExpired(tx: EntityManager, policy: RetentionPolicy): Promise<string[]> {
    const rows: Array<{ id: string }> = await tx.query(
      `SELECT e.id
         FROM executions e
         LEFT JOIN workflows w ON w.id = e.workflow_id
        WHERE e.status IN ('completed', 'failed', 'cancelled')
          -- The shortest retention anywhere bounds the scan, so the partial index serves it.
          AND e.ended_at < $1::timestamptz - make_interval(days =>
                LEAST($2::int, COALESCE((SELECT min(retention_days) FROM workflows), $2::int)))
          AND e.ended_at < $1::timestamptz - make_interval(days =>
                CASE WHEN e.status = 'failed'
                     THEN GREATEST(COALESCE(w.retention_days, $2::int), COALESCE($3::int, 0))
                     ELSE COALESCE(w.retention_days, $2::int) END)
        ORDER BY e.ended_at
        LIMIT $4
        -- A row another transaction holds (a redrive taking it back) waits for the next run.
        FOR UPDATE OF e SKIP LOCKED`,
      [policy.now.toISOString(), policy.defaultDays, policy.failedDays, policy.batchSize],
    );
    return rows.map((row) => row.id);
  }

  private async deleteAll(tx: EntityManager, ids: string[]): Promise<PrunedRows> {
    // Children first and counted one by one (the foreign keys would cascade, but silently).
    const count = async (sql: string): Promise<number> => {
      const [row] = await tx.query(`WITH deleted AS (${sql} RETURNING 1) SELECT count(*)::int AS n FROM deleted`, [
        ids,
      ]);
      return Number(row?.n ?? 0);
    };
    const pruned = emptyPrunedRows();
    // The usage report outlives the runs: their step costs are kept per day first.
    await rollUpUsage(tx, ids);
    pruned.execution_events = await count(`DELETE FROM execution_events WHERE execution_id = ANY($1::uuid[])`);
    pruned.execution_steps = await count(`DELETE FROM execution_steps WHERE execution_id = ANY($1::uuid[])`);
    pruned.asl_task_tokens = await count(`DELETE FROM asl_task_tokens WHERE execution_id = ANY($1::uuid[])`);
    pruned.failure_notifications = await count(
      `DELETE FROM failure_notifications WHERE execution_id = ANY($1::uuid[])`,
    );
    // A trigger run of a pruned execution has done its job (it started); the run log ages with it.
    pruned.trigger_runs = await count(`DELETE FROM trigger_runs WHERE execution_id = ANY($1::uuid[]) AND started`);
    pruned.executions = await count(`DELETE FROM executions WHERE id = ANY($1::uuid[])`);
    return pruned;
  }
}

export function emptyPrunedRows(): PrunedRows {
  return {
    executions: 0,
    execution_steps: 0,
    execution_events: 0,
    asl_task_tokens: 0,
    failure_notifications: 0,
    trigger_runs: 0,
  };
}
