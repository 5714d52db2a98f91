import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Operations settings of a workflow (retention, expected duration for the stuck-run detector,
 * on-failure notifications), the index retention prunes by, and the outbox of failure
 * notifications (one row per failed execution and channel, so each is sent once and retried until it is).
 */
export class Operations1763920000000 implements MigrationInterface {
  name = 'Operations1763920000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE workflows
        ADD COLUMN retention_days int CHECK (retention_days BETWEEN 1 AND 3650),
        ADD COLUMN expected_duration_seconds int CHECK (expected_duration_seconds > 0),
        ADD COLUMN on_failure jsonb`);
    // Retention asks only for finished executions by end time; live ones never enter the index.
    await q.query(
      `CREATE INDEX executions_finished_idx ON executions (ended_at)
         WHERE status IN ('completed', 'failed', 'cancelled')`,
    );
    await q.query(`
      CREATE TABLE failure_notifications (
        execution_id uuid NOT NULL REFERENCES executions(id) ON DELETE CASCADE,
        channel varchar(8) NOT NULL CHECK (channel IN ('webhook', 'email')),
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        workflow_id uuid NOT NULL REFERENCES workflows(id) ON DELETE CASCADE,
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        delivered_at timestamptz,
        gave_up_at timestamptz,
        last_error varchar(500),
        created_at timestamptz NOT NULL,
        PRIMARY KEY (execution_id, channel)
      )`);
    await q.query(
      `CREATE INDEX failure_notifications_due_idx ON failure_notifications (next_attempt_at)
         WHERE delivered_at IS NULL AND gave_up_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE failure_notifications`);
    await q.query(`DROP INDEX executions_finished_idx`);
    await q.query(
      `ALTER TABLE workflows DROP COLUMN on_failure, DROP COLUMN expected_duration_seconds, DROP COLUMN retention_days`,
    );
  }
}
