import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Failed sign-ins per account and per client address in a fixed window, shared by every API
 * process, so password guessing is throttled however many processes serve logins.
 */
export class LoginThrottle1763810000000 implements MigrationInterface {
  name = 'LoginThrottle1763810000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE login_failures (
        key varchar(400) PRIMARY KEY,
        failures int NOT NULL,
        window_started_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE login_failures`);
  }
}
