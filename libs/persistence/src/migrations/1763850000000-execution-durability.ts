import type { MigrationInterface, QueryRunner } from 'typeorm';

/** `express` runs are written once when they end; `standard` ones step by step (all earlier runs). */
export class ExecutionDurability1763850000000 implements MigrationInterface {
  name = 'ExecutionDurability1763850000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE executions ADD COLUMN durability varchar(16) NOT NULL DEFAULT 'standard'
         CHECK (durability IN ('express', 'standard'))`,
    );
    // A workflow's own choice; null lets each start decide (express for immediate runs).
    await q.query(
      `ALTER TABLE workflows ADD COLUMN durability varchar(16) CHECK (durability IN ('express', 'standard'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE workflows DROP COLUMN durability`);
    await q.query(`ALTER TABLE executions DROP COLUMN durability`);
  }
}
