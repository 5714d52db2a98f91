import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The credentials vault: one row per credential of a workspace. `fields` holds the kind's plain
 * settings (host, username); `secrets` maps each secret field to its AES-256-GCM sealed value, so
 * which secrets are set is known without decrypting anything.
 */
export class Credentials1763830000000 implements MigrationInterface {
  name = 'Credentials1763830000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE credentials (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        name varchar(200) NOT NULL,
        kind varchar(32) NOT NULL,
        fields jsonb NOT NULL DEFAULT '{}'::jsonb,
        secrets jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (workspace_id, name)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE credentials`);
  }
}
