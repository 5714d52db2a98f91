import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Usage in credits (issue 13, item 6). A step's cost lives on its row (`credits`, `tokens`,
 * `node_type`), written by the statement that records its outcome anyway, so metering adds no
 * statement per step. A workspace's monthly limit keeps a running counter (`used` for `month`):
 * a start reserves its estimate there with one conditional UPDATE, so concurrent starts cannot
 * together pass the limit; `credit_reservations` remembers each estimate until the run's real
 * cost replaces it (see CreditLimitRepository).
 */
export class UsageCredits1764020000000 implements MigrationInterface {
  name = 'UsageCredits1764020000000';

  async up(q: QueryRunner): Promise<void> {
    // Constant defaults: PostgreSQL 11+ adds these without rewriting the table.
    await q.query(`
      ALTER TABLE execution_steps
        ADD COLUMN credits numeric(18, 4) NOT NULL DEFAULT 0,
        ADD COLUMN tokens bigint NOT NULL DEFAULT 0,
        ADD COLUMN node_type varchar(200)`);
    await q.query(`
      CREATE TABLE workspace_credit_limits (
        workspace_id uuid PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
        monthly_credits numeric(18, 4) CHECK (monthly_credits >= 0),
        month date NOT NULL,
        used numeric(18, 4) NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // No foreign key to executions: an express run's row is written when it ends.
    await q.query(`
      CREATE TABLE credit_reservations (
        execution_id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        month date NOT NULL,
        credits numeric(18, 4) NOT NULL,
        reserved_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX credit_reservations_workspace_idx ON credit_reservations (workspace_id, reserved_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE credit_reservations`);
    await q.query(`DROP TABLE workspace_credit_limits`);
    await q.query(`ALTER TABLE execution_steps DROP COLUMN credits, DROP COLUMN tokens, DROP COLUMN node_type`);
  }
}
