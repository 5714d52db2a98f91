import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Users, workspaces, memberships, API keys, workflows and their immutable versions. */
export class FoundationSchema1763740000000 implements MigrationInterface {
  name = 'FoundationSchema1763740000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE workspaces (
        id uuid PRIMARY KEY,
        name varchar(200) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY,
        email varchar(320) NOT NULL UNIQUE,
        name varchar(200) NOT NULL,
        password_hash varchar(300) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE memberships (
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        role varchar(16) NOT NULL CHECK (role IN ('owner', 'editor', 'viewer')),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (workspace_id, user_id)
      )`);
    await q.query(`CREATE INDEX memberships_user_idx ON memberships (user_id)`);
    await q.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        created_by uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        name varchar(200) NOT NULL,
        prefix varchar(16) NOT NULL,
        key_hash char(64) NOT NULL UNIQUE,
        role varchar(16) NOT NULL CHECK (role IN ('owner', 'editor', 'viewer')),
        last_used_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX api_keys_workspace_idx ON api_keys (workspace_id)`);
    await q.query(`
      CREATE TABLE workflows (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        name varchar(200) NOT NULL,
        description varchar(2000) NOT NULL DEFAULT '',
        format varchar(8) NOT NULL CHECK (format IN ('graph', 'asl')),
        status varchar(8) NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'paused')),
        tags text[] NOT NULL DEFAULT '{}',
        current_version int NOT NULL,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The list endpoint pages by (created_at, id) inside one workspace.
    await q.query(`CREATE INDEX workflows_workspace_page_idx ON workflows (workspace_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX workflows_tags_idx ON workflows USING gin (tags)`);
    await q.query(`
      CREATE TABLE workflow_versions (
        id uuid PRIMARY KEY,
        workflow_id uuid NOT NULL REFERENCES workflows(id) ON DELETE CASCADE,
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        version int NOT NULL,
        name varchar(200) NOT NULL,
        format varchar(8) NOT NULL,
        definition jsonb NOT NULL,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (workflow_id, version)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE workflow_versions`);
    await q.query(`DROP TABLE workflows`);
    await q.query(`DROP TABLE api_keys`);
    await q.query(`DROP TABLE memberships`);
    await q.query(`DROP TABLE users`);
    await q.query(`DROP TABLE workspaces`);
  }
}
