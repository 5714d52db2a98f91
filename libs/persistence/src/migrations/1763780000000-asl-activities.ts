import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * ASL activities (named per workspace) and the task tokens parked steps hand out. A token is
 * stored as its sha256 only; the plain token is kept for an activity task until a worker polls
 * it. `delivered_at` marks an activity task handed to a worker (each is handed out once).
 */
export class AslActivities1763780000000 implements MigrationInterface {
  name = 'AslActivities1763780000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE asl_activities (
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        name varchar(80) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (workspace_id, name)
      )`);
    await q.query(`
      CREATE TABLE asl_task_tokens (
        token_hash char(64) PRIMARY KEY,
        token varchar(100),
        workspace_id uuid NOT NULL,
        execution_id uuid NOT NULL REFERENCES executions(id) ON DELETE CASCADE,
        step_id varchar(500) NOT NULL,
        attempt int NOT NULL,
        activity varchar(80),
        input jsonb,
        created_at timestamptz NOT NULL,
        delivered_at timestamptz
      )`);
    await q.query(
      `CREATE INDEX asl_task_tokens_activity_idx ON asl_task_tokens (workspace_id, activity, created_at) WHERE activity IS NOT NULL AND delivered_at IS NULL`,
    );
    await q.query(`CREATE INDEX asl_task_tokens_execution_idx ON asl_task_tokens (execution_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE asl_task_tokens`);
    await q.query(`DROP TABLE asl_activities`);
  }
}
