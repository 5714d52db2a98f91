import { type ChildWorkflow, type ChildWorkflowRef, ChildWorkflowSource } from '@baton/engine';
import type { DataSource } from 'typeorm';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface ChildWorkflowRow {
  workflow_id: string;
  name: string;
  version_id: string;
  version: number;
  format: string;
  definition: unknown;
}

/**
 * The workflows a sub-workflow step or `states:startExecution` may start: by id or by name, in
 * the parent's workspace only, at a pinned version or the current one. A name two workflows
 * share names neither (null), so a rename elsewhere never silently changes what runs.
 */
export class ChildWorkflowRepository extends ChildWorkflowSource {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async resolve(ref: ChildWorkflowRef): Promise<ChildWorkflow | null> {
    const byId = UUID.test(ref.workflow);
    const version = ref.version === 'latest' ? null : ref.version;
    const rows: ChildWorkflowRow[] = await this.dataSource.query(
      `SELECT w.id AS workflow_id, w.name, v.id AS version_id, v.version, v.format, v.definition
         FROM workflows w
         JOIN workflow_versions v ON v.workflow_id = w.id AND v.version = COALESCE($3::int, w.current_version)
        WHERE w.workspace_id = $1 AND ${byId ? 'w.id = $2::uuid' : 'w.name = $2'}
        LIMIT 2`,
      [ref.workspaceId, ref.workflow, version],
    );
    if (rows.length !== 1) return null;
    const row = rows[0];
    return {
      workflowId: row.workflow_id,
      workflowVersionId: row.version_id,
      name: row.name,
      version: row.version,
      format: row.format,
      definition: row.definition,
    };
  }
}
