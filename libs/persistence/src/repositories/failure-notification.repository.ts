import type { DataSource } from 'typeorm';
import type { FailureNotificationSettings } from '../entities';

export type NotificationChannel = 'webhook' | 'email';

/** A claimed notification with what its message reports. */
export interface DueFailureNotification {
  executionId: string;
  channel: NotificationChannel;
  /** This attempt's number, from 1. */
  attempt: number;
  workspaceId: string;
  workflowId: string;
  workflowName: string;
  settings: FailureNotificationSettings;
  error: string | null;
  cause: string | null;
  startedAt: Date | null;
  endedAt: Date | null;
}

interface DueRow {
  execution_id: string;
  channel: NotificationChannel;
  attempts: number;
  workspace_id: string;
  workflow_id: string;
  workflow_name: string;
  on_failure: FailureNotificationSettings;
  error: string | null;
  cause: string | null;
  started_at: Date | string | null;
  ended_at: Date | string | null;
}

// One INSERT per channel a workflow configures; the primary key makes each exactly-once.
const ENQUEUE = `
  INSERT INTO failure_notifications (execution_id, channel, workspace_id, workflow_id, next_attempt_at, created_at)
  SELECT e.id, c.channel, e.workspace_id, e.workflow_id, $1::timestamptz, $1::timestamptz
    FROM executions e
    JOIN workflows w ON w.id = e.workflow_id
    CROSS JOIN (VALUES ('webhook'), ('email')) AS c(channel)
   WHERE e.status = 'failed' AND jsonb_typeof(w.on_failure -> c.channel) = 'object'`;

/**
 * The outbox of on-failure notifications: a row per failed execution and configured channel,
 * claimed with SKIP LOCKED by whichever process delivers next, retried until delivered or given up.
 */
export class FailureNotificationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Records the notifications one failed execution owes (none if its workflow asks for none). */
  async enqueue(executionId: string, now: Date): Promise<number> {
    const rows = await this.dataSource.query(
      `WITH added AS (${ENQUEUE} AND e.id = $2::uuid ON CONFLICT DO NOTHING RETURNING 1) SELECT count(*)::int AS n FROM added`,
      [now.toISOString(), executionId],
    );
    return Number(rows[0]?.n ?? 0);
  }

  /** The same for every execution that failed since `since` (an event a dying process never handled). */
  async enqueueMissed(since: Date, now: Date): Promise<number> {
    const rows = await this.dataSource.query(
      `WITH added AS (${ENQUEUE} AND e.ended_at >= $2::timestamptz ON CONFLICT DO NOTHING RETURNING 1)
       SELECT count(*)::int AS n FROM added`,
      [now.toISOString(), since.toISOString()],
    );
    return Number(rows[0]?.n ?? 0);
  }

  /**
   * Claims due notifications: the attempt is counted and the row pushed `leaseMs` ahead, so a
   * process that dies mid-delivery leaves it for another to try after the lease.
   */
  async claimDue(now: Date, limit: number, leaseMs: number): Promise<DueFailureNotification[]> {
    const rows: DueRow[] = await this.dataSource.query(
      `WITH due AS (
         SELECT execution_id, channel FROM failure_notifications
          WHERE delivered_at IS NULL AND gave_up_at IS NULL AND next_attempt_at <= $1::timestamptz
          ORDER BY next_attempt_at
          LIMIT $2
          FOR UPDATE SKIP LOCKED
       ), claimed AS (
         UPDATE failure_notifications n
            SET attempts = n.attempts + 1,
                next_attempt_at = $1::timestamptz + make_interval(secs => $3::double precision / 1000)
           FROM due
          WHERE n.execution_id = due.execution_id AND n.channel = due.channel
         RETURNING n.execution_id, n.channel, n.attempts, n.workspace_id, n.workflow_id
       )
       SELECT c.*, w.name AS workflow_name, w.on_failure, e.error, e.cause, e.started_at, e.ended_at
         FROM claimed c
         JOIN executions e ON e.id = c.execution_id
         JOIN workflows w ON w.id = c.workflow_id`,
      [now.toISOString(), limit, leaseMs],
    );
    return rows.map((row) => ({
      executionId: row.execution_id,
      channel: row.channel,
      attempt: row.attempts,
      workspaceId: row.workspace_id,
      workflowId: row.workflow_id,
      workflowName: row.workflow_name,
      settings: row.on_failure ?? {},
      error: row.error,
      cause: row.cause,
      startedAt: toDate(row.started_at),
      endedAt: toDate(row.ended_at),
    }));
  }

  async markDelivered(executionId: string, channel: NotificationChannel, now: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE failure_notifications SET delivered_at = $3::timestamptz, last_error = NULL
        WHERE execution_id = $1::uuid AND channel = $2`,
      [executionId, channel, now.toISOString()],
    );
  }

  /** A failed attempt: tried again at `retryAt`, or given up for good when that is null. */
  async markFailed(
    executionId: string,
    channel: NotificationChannel,
    error: string,
    retryAt: Date | null,
    now: Date,
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE failure_notifications
          SET last_error = left($3, 500),
              next_attempt_at = COALESCE($4::timestamptz, next_attempt_at),
              gave_up_at = CASE WHEN $4::timestamptz IS NULL THEN $5::timestamptz END
        WHERE execution_id = $1::uuid AND channel = $2`,
      [executionId, channel, error, retryAt?.toISOString() ?? null, now.toISOString()],
    );
  }
}

const toDate = (value: Date | string | null): Date | null => (value === null ? null : new Date(value));
