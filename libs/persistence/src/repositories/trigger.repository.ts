import { randomUUID } from 'node:crypto';
import { GroupCommit } from './group-commit';
import type { DataSource, EntityManager } from 'typeorm';
import { json } from './execution-rows';
import type {
  ClaimedRun,
  DuePlan,
  NewTrigger,
  PublicTrigger,
  RateDecision,
  TriggerChanges,
  TriggerRecord,
  TriggerRunRecord,
  TriggerType,
} from './trigger.records';

interface TriggerRow {
  id: string;
  workspace_id: string;
  workflow_id: string;
  type: TriggerType;
  config: Record<string, unknown>;
  token: string | null;
  secret_sealed: string | null;
  enabled: boolean;
  next_run_at: Date | null;
  last_run_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

interface RunRow {
  id: string;
  trigger_id: string;
  execution_id: string;
  scheduled_for: Date | null;
  started: boolean;
  error: string | null;
  created_at: Date;
}

/** How long an Idempotency-Key keeps pointing at its first execution. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 3600 * 1000;

/**
 * Triggers, their runs and webhook idempotency keys. Management queries are scoped by workspace;
 * the public ones (by token) and the scheduler's claim are not, because no user is calling.
 */
export class TriggerRepository {
  constructor(private readonly dataSource: DataSource) {}

  async create(input: NewTrigger): Promise<TriggerRecord> {
    const rows: TriggerRow[] = await this.dataSource.query(
      `INSERT INTO triggers (id, workspace_id, workflow_id, type, config, token, secret_sealed, enabled, next_run_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) RETURNING *`,
      [
        input.id,
        input.workspaceId,
        input.workflowId,
        input.type,
        json(input.config),
        input.token,
        input.secretSealed,
        input.enabled,
        input.nextRunAt,
      ],
    );
    return toTriggerRecord(rows[0]);
  }

  async findInWorkspace(workspaceId: string, id: string): Promise<TriggerRecord | null> {
    const rows: TriggerRow[] = await this.dataSource.query(
      `SELECT * FROM triggers WHERE id = $1 AND workspace_id = $2`,
      [id, workspaceId],
    );
    return rows[0] ? toTriggerRecord(rows[0]) : null;
  }

  async listForWorkflow(workspaceId: string, workflowId: string): Promise<TriggerRecord[]> {
    const rows: TriggerRow[] = await this.dataSource.query(
      `SELECT * FROM triggers WHERE workflow_id = $1 AND workspace_id = $2 ORDER BY created_at, id`,
      [workflowId, workspaceId],
    );
    return rows.map(toTriggerRecord);
  }

  async findByToken(type: 'webhook' | 'form', token: string): Promise<PublicTrigger | null> {
    const rows: (TriggerRow & WorkflowHeadRow)[] = await this.dataSource.query(
      `SELECT t.*, w.status AS workflow_status, w.current_version AS workflow_current_version,
         v.id AS workflow_version_id, w.max_concurrent_executions AS workflow_max_concurrent_executions,
         w.max_starts_per_minute AS workflow_max_starts_per_minute, w.durability AS workflow_durability,
         EXISTS (SELECT 1 FROM workspace_credit_limits l
                  WHERE l.workspace_id = t.workspace_id AND l.monthly_credits IS NOT NULL) AS workspace_credit_limited
       FROM triggers t JOIN workflows w ON w.id = t.workflow_id
         JOIN workflow_versions v ON v.workflow_id = w.id AND v.version = w.current_version
       WHERE t.token = $1 AND t.type = $2`,
      [token, type],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      trigger: toTriggerRecord(row),
      workflowStatus: row.workflow_status,
      workflow: {
        currentVersion: row.workflow_current_version,
        currentVersionId: row.workflow_version_id,
        settings: {
          maxConcurrentExecutions: row.workflow_max_concurrent_executions,
          maxStartsPerMinute: row.workflow_max_starts_per_minute,
          durability: row.workflow_durability,
        },
        creditLimited: row.workspace_credit_limited,
      },
    };
  }

  async update(workspaceId: string, id: string, changes: TriggerChanges): Promise<TriggerRecord | null> {
    const sets: string[] = ['updated_at = now()'];
    const params: unknown[] = [id, workspaceId];
    const set = (column: string, value: unknown) => {
      params.push(value);
      sets.push(`${column} = $${params.length}`);
    };
    if (changes.config !== undefined) set('config', json(changes.config));
    if (changes.enabled !== undefined) set('enabled', changes.enabled);
    if (changes.nextRunAt !== undefined) set('next_run_at', changes.nextRunAt);
    if (changes.secretSealed !== undefined) set('secret_sealed', changes.secretSealed);
    const [rows] = await this.dataSource.query(
      `UPDATE triggers SET ${sets.join(', ')} WHERE id = $1 AND workspace_id = $2 RETURNING *`,
      params,
    );
    return rows?.[0] ? toTriggerRecord(rows[0]) : null;
  }

  async delete(workspaceId: string, id: string): Promise<boolean> {
    const [, affected] = await this.dataSource.query(`DELETE FROM triggers WHERE id = $1 AND workspace_id = $2`, [
      id,
      workspaceId,
    ]);
    return affected > 0;
  }

  async listRuns(triggerId: string, limit: number): Promise<TriggerRunRecord[]> {
    const rows: RunRow[] = await this.dataSource.query(
      `SELECT * FROM trigger_runs WHERE trigger_id = $1 ORDER BY created_at DESC, scheduled_for DESC NULLS LAST LIMIT $2`,
      [triggerId, limit],
    );
    return rows.map(toRunRecord);
  }

  /**
   * Claims due cron and one-time triggers of active workflows, exactly once across processes:
   * the rows are locked `FOR UPDATE SKIP LOCKED`, so a concurrent tick skips them; `plan` decides
   * which slots run and when the trigger is next due; the run rows (unique per trigger and slot)
   * and the new `next_run_at` commit together. Executions start after the commit, with the ids returned.
   */
  async claimDue(now: Date, limit: number, plan: (trigger: TriggerRecord) => DuePlan): Promise<ClaimedRun[]> {
    return this.dataSource.transaction(async (tx) => {
      const due: TriggerRow[] = await tx.query(
        `SELECT t.* FROM triggers t JOIN workflows w ON w.id = t.workflow_id
         WHERE t.enabled AND t.next_run_at IS NOT NULL AND t.next_run_at <= $1
           AND t.type IN ('cron', 'once') AND w.status = 'active'
         ORDER BY t.next_run_at LIMIT $2
         FOR UPDATE OF t SKIP LOCKED`,
        [now, limit],
      );
      const claimed: ClaimedRun[] = [];
      for (const row of due) {
        const trigger = toTriggerRecord(row);
        const decision = plan(trigger);
        for (const scheduledFor of decision.runs) {
          const run = await insertRun(tx, trigger, scheduledFor);
          if (run) claimed.push(run);
        }
        const ran = decision.runs.length ? decision.runs[decision.runs.length - 1] : null;
        await tx.query(
          `UPDATE triggers SET next_run_at = $2, last_run_at = COALESCE($3, last_run_at), updated_at = now() WHERE id = $1`,
          [trigger.id, decision.nextRunAt, ran],
        );
      }
      return claimed;
    });
  }

  /** Records a webhook or form run before its execution starts (no slot: many per trigger). */
  async recordEventRun(
    trigger: Pick<TriggerRecord, 'id' | 'workspaceId'>,
    executionId: string,
    now: Date,
  ): Promise<string> {
    const id = randomUUID();
    await this.dataSource.query(
      `INSERT INTO trigger_runs (id, trigger_id, workspace_id, execution_id, scheduled_for) VALUES ($1,$2,$3,$4,NULL)`,
      [id, trigger.id, trigger.workspaceId, executionId],
    );
    await this.dataSource.query(`UPDATE triggers SET last_run_at = $2 WHERE id = $1`, [trigger.id, now]);
    return id;
  }

  /**
   * Records a webhook run once its start was tried: one write where a scheduled run needs two
   * (recorded before the start, marked after), since a call's id is new and its input lived only
   * in the request, so there is nothing to repair after a crash in between. Calls recorded while
   * another insert is on its way share the next one (group commit).
   */
  recordCallRun(
    trigger: Pick<TriggerRecord, 'id' | 'workspaceId'>,
    executionId: string,
    error: string | null,
  ): Promise<void> {
    return this.callRuns.write({
      id: randomUUID(),
      trigger_id: trigger.id,
      workspace_id: trigger.workspaceId,
      execution_id: executionId,
      error: error?.slice(0, 2000) ?? null,
    });
  }

  private readonly callRuns = new GroupCommit<CallRunRow>(async (rows) => {
    await this.dataSource.query(
      `INSERT INTO trigger_runs (id, trigger_id, workspace_id, execution_id, scheduled_for, started, error)
       SELECT r.id, r.trigger_id, r.workspace_id, r.execution_id, NULL, true, r.error
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, trigger_id uuid, workspace_id uuid, execution_id uuid, error text)
       ON CONFLICT (execution_id) DO NOTHING`,
      [JSON.stringify(rows)],
    );
  });

  async markRunStarted(runId: string): Promise<void> {
    await this.dataSource.query(`UPDATE trigger_runs SET started = true, error = NULL WHERE id = $1`, [runId]);
  }

  async markRunFailed(runId: string, error: string): Promise<void> {
    // A run whose start was refused (e.g. the definition became invalid) is settled: nothing to repair.
    await this.dataSource.query(`UPDATE trigger_runs SET started = true, error = $2 WHERE id = $1`, [
      runId,
      error.slice(0, 2000),
    ]);
  }

  /**
   * Scheduled runs committed but never marked started (the process died in between), oldest first.
   * Webhook and form runs are not repaired: their input lived only in the request, and the caller
   * saw the failure (and may retry with its Idempotency-Key).
   */
  async findUnstartedRuns(createdBefore: Date, limit: number): Promise<(ClaimedRun & { executionExists: boolean })[]> {
    const rows: (RunRow & {
      workspace_id: string;
      workflow_id: string;
      type: TriggerType;
      execution_exists: boolean;
    })[] = await this.dataSource.query(
      `SELECT r.*, t.workflow_id, t.type, EXISTS (SELECT 1 FROM executions e WHERE e.id = r.execution_id) AS execution_exists
       FROM trigger_runs r JOIN triggers t ON t.id = r.trigger_id
       WHERE NOT r.started AND r.scheduled_for IS NOT NULL AND r.created_at < $1 ORDER BY r.created_at LIMIT $2`,
      [createdBefore, limit],
    );
    return rows.map((r) => ({
      runId: r.id,
      executionId: r.execution_id,
      triggerId: r.trigger_id,
      workspaceId: r.workspace_id,
      workflowId: r.workflow_id,
      type: r.type,
      scheduledFor: r.scheduled_for ?? r.created_at,
      executionExists: r.execution_exists,
    }));
  }

  /**
   * Binds an Idempotency-Key to `executionId` unless a binding younger than 24 h exists.
   * Returns the execution id that owns the key: ours when we won, the first one otherwise.
   */
  async claimIdempotencyKey(triggerId: string, key: string, executionId: string, now: Date): Promise<string> {
    const expiredBefore = new Date(now.getTime() - IDEMPOTENCY_KEY_TTL_MS);
    const won: { execution_id: string }[] = await this.dataSource.query(
      `INSERT INTO webhook_idempotency_keys (trigger_id, key, execution_id, created_at) VALUES ($1,$2,$3,$4)
       ON CONFLICT (trigger_id, key) DO UPDATE SET execution_id = EXCLUDED.execution_id, created_at = EXCLUDED.created_at
       WHERE webhook_idempotency_keys.created_at < $5
       RETURNING execution_id`,
      [triggerId, key, executionId, now, expiredBefore],
    );
    if (won.length) return won[0].execution_id;
    const existing: { execution_id: string }[] = await this.dataSource.query(
      `SELECT execution_id FROM webhook_idempotency_keys WHERE trigger_id = $1 AND key = $2`,
      [triggerId, key],
    );
    // Deleted between the two statements (the first start failed): retry as a fresh claim.
    return existing[0]?.execution_id ?? this.claimIdempotencyKey(triggerId, key, executionId, now);
  }

  /** Frees a key whose execution could not start, so a corrected retry is not answered with a ghost id. */
  async releaseIdempotencyKey(triggerId: string, key: string, executionId: string): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM webhook_idempotency_keys WHERE trigger_id = $1 AND key = $2 AND execution_id = $3`,
      [triggerId, key, executionId],
    );
  }

  /**
   * Records a signed call's signature; false when it was seen before and has not expired (a
   * replay). One INSERT, so two processes receiving the same request cannot both accept it.
   */
  async claimSignature(triggerId: string, signatureHash: string, expiresAt: Date, now: Date): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO webhook_seen_signatures (trigger_id, signature_hash, expires_at) VALUES ($1, $2, $3)
       ON CONFLICT (trigger_id, signature_hash) DO UPDATE SET expires_at = EXCLUDED.expires_at
       WHERE webhook_seen_signatures.expires_at < $4
       RETURNING 1`,
      [triggerId, signatureHash, expiresAt, now],
    );
    return rows.length > 0;
  }

  async deleteExpiredSignatures(now: Date): Promise<void> {
    await this.dataSource.query(`DELETE FROM webhook_seen_signatures WHERE expires_at < $1`, [now]);
  }

  async deleteExpiredIdempotencyKeys(now: Date): Promise<number> {
    const [, affected] = await this.dataSource.query(`DELETE FROM webhook_idempotency_keys WHERE created_at < $1`, [
      new Date(now.getTime() - IDEMPOTENCY_KEY_TTL_MS),
    ]);
    return affected;
  }

  /**
   * A fixed-window counter on the trigger row: one atomic UPDATE, so the limit holds across
   * every API process without a separate store.
   */
  /**
   * Counts a call against the trigger's per-window limit. `markRun`: an allowed call also becomes
   * the trigger's `last_run_at`, in the same statement.
   */
  async consumeRate(
    triggerId: string,
    now: Date,
    windowMs: number,
    limit: number,
    { markRun = false }: { markRun?: boolean } = {},
  ): Promise<RateDecision> {
    const windowStart = new Date(now.getTime() - windowMs);
    const fresh = `rate_window_started_at IS NULL OR rate_window_started_at <= $3`;
    const [rows] = await this.dataSource.query(
      `UPDATE triggers SET
         rate_window_count = CASE WHEN ${fresh} THEN 1 ELSE rate_window_count + 1 END,
         rate_window_started_at = CASE WHEN ${fresh} THEN $2 ELSE rate_window_started_at END,
         last_run_at = CASE WHEN $5 AND (CASE WHEN ${fresh} THEN 1 ELSE rate_window_count + 1 END) <= $4
           THEN $2 ELSE last_run_at END
       WHERE id = $1 RETURNING rate_window_count, rate_window_started_at`,
      [triggerId, now, windowStart, limit, markRun],
    );
    const row = rows?.[0] as { rate_window_count: number; rate_window_started_at: Date } | undefined;
    if (!row || row.rate_window_count <= limit) return { allowed: true, retryAfterMs: 0 };
    return {
      allowed: false,
      retryAfterMs: Math.max(0, new Date(row.rate_window_started_at).getTime() + windowMs - now.getTime()),
    };
  }
}

interface CallRunRow {
  id: string;
  trigger_id: string;
  workspace_id: string;
  execution_id: string;
  error: string | null;
}

interface WorkflowHeadRow {
  workflow_status: PublicTrigger['workflowStatus'];
  workflow_current_version: number;
  workflow_version_id: string;
  workflow_max_concurrent_executions: number | null;
  workflow_max_starts_per_minute: number | null;
  workflow_durability: 'express' | 'standard' | null;
  workspace_credit_limited: boolean;
}

async function insertRun(tx: EntityManager, trigger: TriggerRecord, scheduledFor: Date): Promise<ClaimedRun | null> {
  const run = { runId: randomUUID(), executionId: randomUUID() };
  const inserted: { id: string }[] = await tx.query(
    `INSERT INTO trigger_runs (id, trigger_id, workspace_id, execution_id, scheduled_for) VALUES ($1,$2,$3,$4,$5)
     ON CONFLICT (trigger_id, scheduled_for) DO NOTHING RETURNING id`,
    [run.runId, trigger.id, trigger.workspaceId, run.executionId, scheduledFor],
  );
  if (!inserted.length) return null;
  return {
    ...run,
    triggerId: trigger.id,
    workspaceId: trigger.workspaceId,
    workflowId: trigger.workflowId,
    type: trigger.type,
    scheduledFor,
  };
}

function toTriggerRecord(row: TriggerRow): TriggerRecord {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    workflowId: row.workflow_id,
    type: row.type,
    config: row.config,
    token: row.token,
    secretSealed: row.secret_sealed,
    enabled: row.enabled,
    nextRunAt: row.next_run_at,
    lastRunAt: row.last_run_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toRunRecord(row: RunRow): TriggerRunRecord {
  return {
    id: row.id,
    triggerId: row.trigger_id,
    executionId: row.execution_id,
    scheduledFor: row.scheduled_for,
    started: row.started,
    error: row.error,
    createdAt: row.created_at,
  };
}
