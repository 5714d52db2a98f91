import { TaskTokenStore, type TaskTokenRecord } from '@baton/engine';
import type { DataSource } from 'typeorm';

export interface ActivityRecord {
  name: string;
  createdAt: Date;
}

/** An activity task handed to a worker: the token to answer with and the task's input. */
export interface ActivityTask {
  token: string;
  input: unknown;
}

interface TokenRow {
  token_hash: string;
  workspace_id: string;
  execution_id: string;
  step_id: string;
  attempt: number;
  activity: string | null;
  input: unknown;
  created_at: Date | string;
}

/** Task tokens of parked ASL steps and the workspace's activities (the engine's TaskTokenStore port). */
export class TaskTokenRepository extends TaskTokenStore {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async register(record: TaskTokenRecord): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO asl_task_tokens (token_hash, token, workspace_id, execution_id, step_id, attempt, activity, input, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9) ON CONFLICT (token_hash) DO NOTHING`,
      [
        record.tokenHash,
        record.token,
        record.workspaceId,
        record.executionId,
        record.stepId,
        record.attempt,
        record.activity,
        JSON.stringify(record.input ?? null),
        record.createdAt.toISOString(),
      ],
    );
  }

  /** The step any token was handed out for, in any workspace (approval links carry no login). */
  async findToken(
    tokenHash: string,
  ): Promise<{ executionId: string; stepId: string; attempt: number; activity: string | null; input: unknown } | null> {
    const rows: TokenRow[] = await this.dataSource.query(`SELECT * FROM asl_task_tokens WHERE token_hash = $1`, [
      tokenHash,
    ]);
    const row = rows[0];
    return row
      ? {
          executionId: row.execution_id,
          stepId: row.step_id,
          attempt: Number(row.attempt),
          activity: row.activity,
          input: row.input,
        }
      : null;
  }

  /** The step a token was handed out for, if the token belongs to the workspace. */
  async findTokenInWorkspace(
    workspaceId: string,
    tokenHash: string,
  ): Promise<{ executionId: string; stepId: string; attempt: number } | null> {
    const rows: TokenRow[] = await this.dataSource.query(
      `SELECT * FROM asl_task_tokens WHERE token_hash = $1 AND workspace_id = $2`,
      [tokenHash, workspaceId],
    );
    const row = rows[0];
    return row ? { executionId: row.execution_id, stepId: row.step_id, attempt: Number(row.attempt) } : null;
  }

  /**
   * Hands the oldest waiting task of an activity to one worker: only tasks whose step still
   * waits on that attempt, each at most once (SKIP LOCKED lets pollers run side by side).
   */
  async claimActivityTask(workspaceId: string, activity: string, now: Date): Promise<ActivityTask | null> {
    const result: unknown[] = await this.dataSource.query(
      `WITH picked AS (
         SELECT t.token_hash, t.token FROM asl_task_tokens t
           JOIN execution_steps s ON s.execution_id = t.execution_id AND s.step_id = t.step_id AND s.attempt = t.attempt
          WHERE t.workspace_id = $1 AND t.activity = $2 AND t.delivered_at IS NULL AND s.status = 'running'
          ORDER BY t.created_at
          LIMIT 1
          FOR UPDATE OF t SKIP LOCKED)
       UPDATE asl_task_tokens u SET delivered_at = $3, token = NULL FROM picked
        WHERE u.token_hash = picked.token_hash
        RETURNING picked.token AS token, u.input AS input`,
      [workspaceId, activity, now.toISOString()],
    );
    // TypeORM answers an UPDATE with [rows, affected count].
    const rows = (Array.isArray(result[0]) ? result[0] : result) as Array<{ token: string; input: unknown }>;
    const row = rows[0];
    return row?.token ? { token: row.token, input: row.input } : null;
  }

  async createActivity(workspaceId: string, name: string): Promise<{ record: ActivityRecord; created: boolean }> {
    const inserted: Array<{ name: string; created_at: Date | string }> = await this.dataSource.query(
      `INSERT INTO asl_activities (workspace_id, name) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING name, created_at`,
      [workspaceId, name],
    );
    const row = inserted[0] ?? (await this.findActivityRow(workspaceId, name));
    return { record: { name: row!.name, createdAt: new Date(row!.created_at) }, created: inserted.length > 0 };
  }

  async findActivity(workspaceId: string, name: string): Promise<ActivityRecord | null> {
    const row = await this.findActivityRow(workspaceId, name);
    return row ? { name: row.name, createdAt: new Date(row.created_at) } : null;
  }

  async listActivities(workspaceId: string): Promise<ActivityRecord[]> {
    const rows: Array<{ name: string; created_at: Date | string }> = await this.dataSource.query(
      `SELECT name, created_at FROM asl_activities WHERE workspace_id = $1 ORDER BY name`,
      [workspaceId],
    );
    return rows.map((row) => ({ name: row.name, createdAt: new Date(row.created_at) }));
  }

  private async findActivityRow(
    workspaceId: string,
    name: string,
  ): Promise<{ name: string; created_at: Date | string } | undefined> {
    const rows: Array<{ name: string; created_at: Date | string }> = await this.dataSource.query(
      `SELECT name, created_at FROM asl_activities WHERE workspace_id = $1 AND name = $2`,
      [workspaceId, name],
    );
    return rows[0];
  }
}
