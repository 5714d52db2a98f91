import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Invitations replace "an owner sets a password for an email": the invitee sets their own
 * password, or accepts while signed in as the account that already has the email. Only the
 * token's sha256 is stored. `installation_owner` marks the user who set the installation up
 * (the earliest user on existing installations): workspaces are created by them unless the
 * operator lets every member do so.
 */
export class Invitations1763790000000 implements MigrationInterface {
  name = 'Invitations1763790000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE invitations (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        email varchar(320) NOT NULL,
        role varchar(16) NOT NULL CHECK (role IN ('owner', 'editor', 'viewer')),
        token_hash char(64) NOT NULL UNIQUE,
        invited_by uuid REFERENCES users(id) ON DELETE SET NULL,
        expires_at timestamptz NOT NULL,
        accepted_at timestamptz,
        accepted_by uuid REFERENCES users(id) ON DELETE SET NULL,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX invitations_workspace_idx ON invitations (workspace_id, created_at)`);
    await q.query(`ALTER TABLE users ADD COLUMN installation_owner boolean NOT NULL DEFAULT false`);
    await q.query(
      `UPDATE users SET installation_owner = true WHERE id = (SELECT id FROM users ORDER BY created_at, id LIMIT 1)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP COLUMN installation_owner`);
    await q.query(`DROP TABLE invitations`);
  }
}
