import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What nodes log through `ctx.log`, kept per step attempt (issue 12, item 7). No foreign key to
 * executions: an express run logs before its execution row exists (it is written when the run
 * ends). A statement trigger removes an execution's lines with it instead, whatever deletes it
 * (retention, a forced workflow delete).
 */
export class StepLogs1763940000000 implements MigrationInterface {
  name = 'StepLogs1763940000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE step_logs (
        id bigserial PRIMARY KEY,
        execution_id uuid NOT NULL,
        step_id varchar(500) NOT NULL,
        attempt int NOT NULL,
        level varchar(8) NOT NULL CHECK (level IN ('debug', 'info', 'warn', 'error')),
        message varchar(2000) NOT NULL,
        data jsonb,
        logged_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX step_logs_attempt_idx ON step_logs (execution_id, step_id, attempt, id)`);
    await q.query(`
      CREATE FUNCTION delete_step_logs_of_executions() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM step_logs WHERE execution_id IN (SELECT id FROM gone);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER executions_delete_step_logs AFTER DELETE ON executions
        REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION delete_step_logs_of_executions()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER executions_delete_step_logs ON executions`);
    await q.query(`DROP FUNCTION delete_step_logs_of_executions()`);
    await q.query(`DROP TABLE step_logs`);
  }
}
