import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Access tokens issued before `tokens_valid_after` are refused: sign-out and password change. */
export class TokenRevocation1763820000000 implements MigrationInterface {
  name = 'TokenRevocation1763820000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN tokens_valid_after timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP COLUMN tokens_valid_after`);
  }
}
