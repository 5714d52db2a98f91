import type { DataSource, EntityManager } from 'typeorm';

/** A workspace's monthly credit limit and what the current (UTC) month used of it. */
export interface CreditLimitState {
  /** null: unlimited. */
  monthlyCredits: number | null;
  /** First day of the month `used` counts, `YYYY-MM-01`. */
  month: string;
  /** Settled costs of the month's runs plus the estimates of runs still going. */
  used: number;
  /** The part of `used` that is still an estimate (runs not ended yet). */
  reserved: number;
}

export type CreditReservation =
  { kind: 'unlimited' } | { kind: 'reserved' } | { kind: 'refused'; monthlyCredits: number; used: number };

/**
 * A reservation of a run that never got its execution row (an express run lost with its
 * process, a start that failed after reserving) is released after this long. Express runs are
 * written when they end or when they move to the queue, long before this.
 */
const ORPHAN_AFTER_MS = 15 * 60_000;

const num = (value: string | number | null | undefined): number => Math.round(Number(value ?? 0) * 10_000) / 10_000;

/** `YYYY-MM-01` of `now`'s UTC month. */
export function monthOf(now: Date): string {
  return `${now.toISOString().slice(0, 7)}-01`;
}

/**
 * Monthly credit limits. A start reserves its estimated cost with one conditional UPDATE of the
 * workspace's counter (`used + estimate <= limit`), which PostgreSQL serialises per row: two
 * concurrent starts cannot both take the last credits. When a run has ended its estimate is
 * replaced by what its steps really cost (`settle`, run before each reservation and read).
 */
export class CreditLimitRepository {
  constructor(private readonly dataSource: DataSource) {}

  async find(workspaceId: string, now: Date): Promise<CreditLimitState> {
    await this.settle(workspaceId, now);
    const month = monthOf(now);
    const rows: Array<{ monthly_credits: string | null; month: string; used: string; reserved: string }> =
      await this.dataSource.query(
        `SELECT l.monthly_credits, to_char(l.month, 'YYYY-MM-DD') AS month, l.used,
                (SELECT COALESCE(sum(r.credits), 0) FROM credit_reservations r
                  WHERE r.workspace_id = l.workspace_id AND r.month = $2::date) AS reserved
           FROM workspace_credit_limits l WHERE l.workspace_id = $1`,
        [workspaceId, month],
      );
    const row = rows[0];
    if (!row)
      return {
        monthlyCredits: null,
        month,
        used: await this.usedThisMonth(this.dataSource.manager, workspaceId, now),
        reserved: 0,
      };
    const current = row.month === month;
    return {
      monthlyCredits: row.monthly_credits === null ? null : num(row.monthly_credits),
      month,
      used: current ? num(row.used) : 0,
      reserved: current ? num(row.reserved) : 0,
    };
  }

  /**
   * Sets (or with null removes) the limit. The counter is recomputed from the month's step
   * costs under the row's lock, so runs started while there was no limit count too.
   */
  async save(workspaceId: string, monthlyCredits: number | null, now: Date): Promise<CreditLimitState> {
    const month = monthOf(now);
    await this.dataSource.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO workspace_credit_limits (workspace_id, month) VALUES ($1, $2::date) ON CONFLICT (workspace_id) DO NOTHING`,
        [workspaceId, month],
      );
      // Reservations wait for this lock: the sums below see every one committed before.
      await tx.query(`SELECT 1 FROM workspace_credit_limits WHERE workspace_id = $1 FOR UPDATE`, [workspaceId]);
      const used = await this.usedThisMonth(tx, workspaceId, now);
      await tx.query(
        `UPDATE workspace_credit_limits SET monthly_credits = $2, month = $3::date, used = $4, updated_at = $5
          WHERE workspace_id = $1`,
        [workspaceId, monthlyCredits, month, used, now],
      );
    });
    return this.find(workspaceId, now);
  }

  /**
   * Reserves `estimate` credits of the month for execution `executionId`, if the workspace has a
   * limit and `used + estimate` stays within it (and something is left). One statement: the
   * UPDATE's condition is re-checked on the newest row version after a concurrent reservation.
   */
  async reserve(workspaceId: string, executionId: string, estimate: number, now: Date): Promise<CreditReservation> {
    const month = monthOf(now);
    const rows: Array<{ monthly_credits: string | null; used: string; reserved: number }> = await this.dataSource.query(
      `WITH fit AS (
         UPDATE workspace_credit_limits
            SET used = (CASE WHEN month = $3::date THEN used ELSE 0 END) + $4, month = $3::date, updated_at = $5
          WHERE workspace_id = $1 AND monthly_credits IS NOT NULL
            AND (CASE WHEN month = $3::date THEN used ELSE 0 END) < monthly_credits
            AND (CASE WHEN month = $3::date THEN used ELSE 0 END) + $4 <= monthly_credits
          RETURNING workspace_id
       ), reservation AS (
         INSERT INTO credit_reservations (execution_id, workspace_id, month, credits, reserved_at)
         SELECT $2, workspace_id, $3::date, $4, $5 FROM fit RETURNING 1
       )
       SELECT l.monthly_credits, CASE WHEN l.month = $3::date THEN l.used ELSE 0 END AS used,
              (SELECT count(*) FROM reservation)::int AS reserved
         FROM workspace_credit_limits l WHERE l.workspace_id = $1`,
      [workspaceId, executionId, month, estimate, now],
    );
    const row = rows[0];
    if (!row || row.monthly_credits === null) return { kind: 'unlimited' };
    if (row.reserved === 1) return { kind: 'reserved' };
    return { kind: 'refused', monthlyCredits: num(row.monthly_credits), used: num(row.used) };
  }

  /** Gives a reservation back (the start it was made for did not happen). */
  async release(executionId: string): Promise<void> {
    await this.dataSource.query(
      `WITH gone AS (DELETE FROM credit_reservations WHERE execution_id = $1 RETURNING workspace_id, month, credits)
       UPDATE workspace_credit_limits l SET used = GREATEST(0, l.used - gone.credits)
         FROM gone WHERE l.workspace_id = gone.workspace_id AND l.month = gone.month`,
      [executionId],
    );
  }

  /**
   * Replaces the estimates of the workspace's ended runs by their steps' real cost, and drops
   * reservations whose run never got a row. Safe to run concurrently: each reservation row is
   * deleted once, and only the deleting statement applies its difference.
   */
  async settle(workspaceId: string, now: Date): Promise<void> {
    await this.dataSource.query(
      `WITH gone AS (
         DELETE FROM credit_reservations r
          WHERE r.workspace_id = $1 AND (
            EXISTS (SELECT 1 FROM executions e WHERE e.id = r.execution_id
                     AND e.status IN ('completed', 'failed', 'cancelled'))
            OR (r.reserved_at < $2 AND NOT EXISTS (SELECT 1 FROM executions e WHERE e.id = r.execution_id)))
          RETURNING r.execution_id, r.month, r.credits
       ), delta AS (
         SELECT g.month, sum(COALESCE(a.credits, 0) - g.credits) AS delta
           FROM gone g
           LEFT JOIN LATERAL (SELECT sum(s.credits) AS credits FROM execution_steps s
                               WHERE s.execution_id = g.execution_id) a ON true
          GROUP BY g.month
       )
       UPDATE workspace_credit_limits l SET used = GREATEST(0, l.used + delta.delta)
         FROM delta WHERE l.workspace_id = $1 AND l.month = delta.month`,
      [workspaceId, new Date(now.getTime() - ORPHAN_AFTER_MS)],
    );
  }

  /** The month's settled step costs, plus the estimates of runs still holding a reservation. */
  private async usedThisMonth(manager: EntityManager, workspaceId: string, now: Date): Promise<number> {
    const month = monthOf(now);
    const rows: Array<{ used: string }> = await manager.query(
      `SELECT
         (SELECT COALESCE(sum(s.credits), 0) FROM execution_steps s JOIN executions e ON e.id = s.execution_id
           WHERE e.workspace_id = $1 AND COALESCE(s.ended_at, s.started_at) >= $2::date
             AND NOT EXISTS (SELECT 1 FROM credit_reservations r WHERE r.execution_id = e.id))
         + (SELECT COALESCE(sum(credits), 0) FROM credit_reservations WHERE workspace_id = $1 AND month = $2::date)
         AS used`,
      [workspaceId, month],
    );
    return num(rows[0]?.used);
  }
}
