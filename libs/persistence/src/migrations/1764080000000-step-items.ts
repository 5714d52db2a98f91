import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A container step's branch/iteration inputs (an ASL Map's items) get a column of their own.
 * They sat in `state`, which changes on every iteration, so a Map of N items rewrote all N inputs
 * N times; in `items` they are written once, and later writes keep the stored value.
 */
export class StepItems1764080000000 implements MigrationInterface {
  name = 'StepItems1764080000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE execution_steps ADD COLUMN items jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE execution_steps DROP COLUMN items`);
  }
}
