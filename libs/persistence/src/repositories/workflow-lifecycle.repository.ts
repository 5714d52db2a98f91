import type { DataSource } from 'typeorm';
import type { WorkflowStatus } from '../entities';

/**
 * The lifecycle questions about a workflow that do not create a version: its status, and the
 * executions still live on it (a delete must not orphan them).
 */
export class WorkflowLifecycleRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Changes the status without recording a version (status is not part of the definition). */
  async setStatus(workspaceId: string, id: string, status: WorkflowStatus): Promise<boolean> {
    const [, affected] = await this.dataSource.query(
      `UPDATE workflows SET status = $3, updated_at = now() WHERE id = $1 AND workspace_id = $2`,
      [id, workspaceId, status],
    );
    return affected > 0;
  }

  async findLiveExecutionIds(workspaceId: string, workflowId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM executions WHERE workflow_id = $1 AND workspace_id = $2 AND status IN ('pending', 'running', 'paused')`,
      [workflowId, workspaceId],
    );
    return rows.map((r) => r.id);
  }
}
