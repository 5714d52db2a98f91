import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Child executions (sub-workflows, states:startExecution): the execution and step that started a
 * run. No foreign key: the child of an express parent is written before its parent's row exists.
 */
export class ChildExecutions1764040000000 implements MigrationInterface {
  name = 'ChildExecutions1764040000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE executions ADD COLUMN parent_execution_id uuid, ADD COLUMN parent_step_id varchar(500)`);
    // Only children are indexed: the execution detail lists a parent's children from here.
    await q.query(
      `CREATE INDEX executions_parent_idx ON executions (parent_execution_id, created_at)
         WHERE parent_execution_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX executions_parent_idx`);
    await q.query(`ALTER TABLE executions DROP COLUMN parent_step_id, DROP COLUMN parent_execution_id`);
  }
}
