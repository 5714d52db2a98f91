import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Triggers (cron, webhook, form, one-time), the runs they started, and webhook idempotency keys. */
export class Triggers1763770000000 implements MigrationInterface {
  name = 'Triggers1763770000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE triggers (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        workflow_id uuid NOT NULL REFERENCES workflows(id) ON DELETE CASCADE,
        type varchar(8) NOT NULL CHECK (type IN ('cron', 'webhook', 'form', 'once')),
        config jsonb NOT NULL,
        token varchar(64) UNIQUE,
        secret_sealed text,
        enabled boolean NOT NULL DEFAULT true,
        next_run_at timestamptz,
        last_run_at timestamptz,
        rate_window_started_at timestamptz,
        rate_window_count int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((type IN ('webhook', 'form')) = (token IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX triggers_workflow_idx ON triggers (workflow_id, created_at)`);
    // The scheduler's only query: enabled time-based triggers that are due.
    await q.query(`CREATE INDEX triggers_due_idx ON triggers (next_run_at) WHERE enabled AND next_run_at IS NOT NULL`);
    await q.query(`
      CREATE TABLE trigger_runs (
        id uuid PRIMARY KEY,
        trigger_id uuid NOT NULL REFERENCES triggers(id) ON DELETE CASCADE,
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        execution_id uuid NOT NULL UNIQUE,
        scheduled_for timestamptz,
        started boolean NOT NULL DEFAULT false,
        error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (trigger_id, scheduled_for)
      )`);
    // No foreign key to executions: the run row commits first and names the execution id that the
    // engine then creates, so a crash in between is repaired by starting that same id again.
    await q.query(`CREATE INDEX trigger_runs_trigger_idx ON trigger_runs (trigger_id, created_at DESC)`);
    await q.query(`CREATE INDEX trigger_runs_unstarted_idx ON trigger_runs (created_at) WHERE NOT started`);
    await q.query(`
      CREATE TABLE webhook_idempotency_keys (
        trigger_id uuid NOT NULL REFERENCES triggers(id) ON DELETE CASCADE,
        key varchar(255) NOT NULL,
        execution_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (trigger_id, key)
      )`);
    await q.query(`CREATE INDEX webhook_idempotency_keys_age_idx ON webhook_idempotency_keys (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook_idempotency_keys`);
    await q.query(`DROP TABLE trigger_runs`);
    await q.query(`DROP TABLE triggers`);
  }
}
