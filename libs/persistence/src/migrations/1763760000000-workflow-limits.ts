import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-workflow start limits (null = unlimited) with the index admission counts starts by, and
 * the lease of a running step: the worker running it renews `lease_until`, so recovery and
 * re-delivered jobs run a `running` step again only after its runner stopped renewing (died).
 */
export class WorkflowLimits1763760000000 implements MigrationInterface {
  name = 'WorkflowLimits1763760000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE workflows
        ADD COLUMN max_concurrent_executions int CHECK (max_concurrent_executions > 0),
        ADD COLUMN max_starts_per_minute int CHECK (max_starts_per_minute > 0)`);
    await q.query(
      `CREATE INDEX executions_workflow_started_idx ON executions (workflow_id, started_at) WHERE started_at IS NOT NULL`,
    );
    await q.query(`ALTER TABLE execution_steps ADD COLUMN lease_until timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE execution_steps DROP COLUMN lease_until`);
    await q.query(`DROP INDEX executions_workflow_started_idx`);
    await q.query(`ALTER TABLE workflows DROP COLUMN max_starts_per_minute, DROP COLUMN max_concurrent_executions`);
  }
}
