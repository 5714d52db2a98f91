import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Usage outlives retention: before the retention job deletes executions it adds their steps'
 * costs to `usage_rollups`, one row per workspace, UTC day, workflow and node type, which the
 * usage report reads beside the live step rows. No foreign key to workflows: the history stays
 * when a workflow goes.
 */
export class UsageRollups1764020000001 implements MigrationInterface {
  name = 'UsageRollups1764020000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE usage_rollups (
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        day date NOT NULL,
        workflow_id uuid,
        node_type varchar(200) NOT NULL,
        credits numeric(18, 4) NOT NULL,
        tokens bigint NOT NULL,
        steps int NOT NULL,
        executions int NOT NULL
      )`);
    // Runs of unsaved definitions have no workflow: the nil uuid stands for it in the key.
    await q.query(`
      CREATE UNIQUE INDEX usage_rollups_key_idx ON usage_rollups
        (workspace_id, day, (COALESCE(workflow_id, '00000000-0000-0000-0000-000000000000'::uuid)), node_type)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE usage_rollups`);
  }
}
