import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Executions, their step rows and the ordered event journal the monitor replays. */
export class ExecutionJournal1763750000000 implements MigrationInterface {
  name = 'ExecutionJournal1763750000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE executions (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        workflow_id uuid REFERENCES workflows(id) ON DELETE SET NULL,
        workflow_version_id uuid REFERENCES workflow_versions(id) ON DELETE SET NULL,
        format varchar(8) NOT NULL,
        definition jsonb NOT NULL,
        input jsonb,
        output jsonb,
        status varchar(12) NOT NULL CHECK (status IN ('pending', 'running', 'paused', 'completed', 'failed', 'cancelled')),
        mode varchar(12) NOT NULL,
        trigger varchar(32) NOT NULL DEFAULT 'manual',
        priority int NOT NULL DEFAULT 0,
        tags text[] NOT NULL DEFAULT '{}',
        error varchar(200),
        cause text,
        last_sequence int NOT NULL DEFAULT 0,
        redrive_count int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL,
        started_at timestamptz,
        ended_at timestamptz,
        deadline_at timestamptz
      )`);
    await q.query(`CREATE INDEX executions_workspace_page_idx ON executions (workspace_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX executions_workflow_idx ON executions (workflow_id, created_at DESC)`);
    // Crash recovery scans only live executions.
    await q.query(`CREATE INDEX executions_running_idx ON executions (status) WHERE status IN ('running', 'pending')`);
    await q.query(`
      CREATE TABLE execution_steps (
        execution_id uuid NOT NULL REFERENCES executions(id) ON DELETE CASCADE,
        step_id varchar(500) NOT NULL,
        node_id varchar(200) NOT NULL,
        status varchar(12) NOT NULL CHECK (status IN ('pending', 'running', 'completed', 'failed', 'skipped', 'retrying', 'cancelled')),
        attempt int NOT NULL DEFAULT 0,
        attempt_offset int NOT NULL DEFAULT 0,
        input jsonb,
        output jsonb,
        error jsonb,
        handles text[],
        queued boolean NOT NULL DEFAULT false,
        wake_at timestamptz,
        started_at timestamptz,
        ended_at timestamptz,
        duration_ms int,
        state jsonb,
        PRIMARY KEY (execution_id, step_id)
      )`);
    await q.query(`
      CREATE TABLE execution_events (
        execution_id uuid NOT NULL REFERENCES executions(id) ON DELETE CASCADE,
        sequence int NOT NULL,
        type varchar(32) NOT NULL,
        step_id varchar(500),
        attempt int,
        data jsonb,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (execution_id, sequence)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE execution_events`);
    await q.query(`DROP TABLE execution_steps`);
    await q.query(`DROP TABLE executions`);
  }
}
