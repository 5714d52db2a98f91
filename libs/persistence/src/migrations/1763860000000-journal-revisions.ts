import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every unit of work on an execution bumps `executions.revision` and stamps the step rows it
 * writes with it, so a process that already holds an execution's steps reads only the rows
 * changed since (`revision > n`) instead of all of them on every step: a Map of N items no
 * longer costs N row loads per iteration.
 */
export class JournalRevisions1763860000000 implements MigrationInterface {
  name = 'JournalRevisions1763860000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE executions ADD COLUMN revision bigint NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE execution_steps ADD COLUMN revision bigint NOT NULL DEFAULT 0`);
    await q.query(`CREATE INDEX execution_steps_revision_idx ON execution_steps (execution_id, revision)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX execution_steps_revision_idx`);
    await q.query(`ALTER TABLE execution_steps DROP COLUMN revision`);
    await q.query(`ALTER TABLE executions DROP COLUMN revision`);
  }
}
