import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The stalled-work sweep asks for what may have lost its job instead of reloading every running
 * execution: `due_at` is when a queued or retrying step is due (null otherwise), and both
 * partial indexes keep the question cheap however many executions are parked.
 */
export class StalledWorkIndex1763870000000 implements MigrationInterface {
  name = 'StalledWorkIndex1763870000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE execution_steps ADD COLUMN due_at timestamptz`);
    await q.query(
      `UPDATE execution_steps SET due_at = COALESCE(wake_at, now())
       WHERE (status = 'pending' AND queued) OR status = 'retrying'`,
    );
    await q.query(`CREATE INDEX execution_steps_due_idx ON execution_steps (due_at) WHERE due_at IS NOT NULL`);
    await q.query(`CREATE INDEX execution_steps_running_idx ON execution_steps (lease_until) WHERE status = 'running'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX execution_steps_running_idx`);
    await q.query(`DROP INDEX execution_steps_due_idx`);
    await q.query(`ALTER TABLE execution_steps DROP COLUMN due_at`);
  }
}
