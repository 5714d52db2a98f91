import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Artifacts (issue 13): one metadata row per file a step produced, and its bytes in
 * `artifact_chunks` when the PostgreSQL driver holds them (filesystem and S3 drivers keep them
 * elsewhere). No foreign key to executions: an express run stores artifacts before its execution
 * row exists. A statement trigger marks an execution's artifacts deleted when the execution row
 * goes (retention, a forced workflow delete); the retention job then deletes their bytes in
 * whichever driver holds them, and the rows.
 */
export class Artifacts1764000000000 implements MigrationInterface {
  name = 'Artifacts1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE artifacts (
        id uuid PRIMARY KEY,
        execution_id uuid NOT NULL,
        step_id varchar(500) NOT NULL,
        name varchar(255) NOT NULL,
        content_type varchar(255) NOT NULL,
        size bigint NOT NULL,
        sha256 char(64) NOT NULL,
        publish boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL,
        deleted_at timestamptz
      )`);
    await q.query(`CREATE INDEX artifacts_execution_idx ON artifacts (execution_id, created_at)`);
    await q.query(`CREATE INDEX artifacts_deleted_idx ON artifacts (deleted_at) WHERE deleted_at IS NOT NULL`);
    await q.query(`
      CREATE TABLE artifact_chunks (
        artifact_id uuid NOT NULL,
        seq int NOT NULL,
        data bytea NOT NULL,
        PRIMARY KEY (artifact_id, seq)
      )`);
    await q.query(`
      CREATE FUNCTION mark_artifacts_of_executions_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE artifacts SET deleted_at = now()
         WHERE deleted_at IS NULL AND execution_id IN (SELECT id FROM gone);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER executions_mark_artifacts_deleted AFTER DELETE ON executions
        REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION mark_artifacts_of_executions_deleted()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER executions_mark_artifacts_deleted ON executions`);
    await q.query(`DROP FUNCTION mark_artifacts_of_executions_deleted()`);
    await q.query(`DROP TABLE artifact_chunks`);
    await q.query(`DROP TABLE artifacts`);
  }
}
