import { ChildExecutionLedger, type ExecutionRecord } from '@baton/engine';
import type { DataSource } from 'typeorm';
import { type ExecutionRow, toExecutionRecord } from './execution-rows';

/**
 * Child executions as the journal has them, for the recovery sweep (ChildExecutions.recoverLostEnds).
 * Both questions start from few rows: running steps (partial index) and open children (the
 * partial index of executions that have a parent).
 */
export class ChildExecutionRepository extends ChildExecutionLedger {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async findUnansweredChildren(endedBefore: Date, limit: number): Promise<ExecutionRecord[]> {
    const rows: ExecutionRow[] = await this.dataSource.query(
      `SELECT c.* FROM execution_steps s
         JOIN executions p ON p.id = s.execution_id AND p.status IN ('running', 'paused')
         JOIN executions c ON c.parent_execution_id = p.id AND c.parent_step_id = s.step_id
          AND c.id::text = s.state->'external'->'child'->>'executionId'
        WHERE s.status = 'running' AND jsonb_typeof(s.state) = 'object' AND s.state->'external' ? 'child'
          AND c.status IN ('completed', 'failed', 'cancelled') AND c.ended_at < $1
        LIMIT $2`,
      [endedBefore, limit],
    );
    return rows.map(toExecutionRecord);
  }

  async findOrphanedChildren(endedBefore: Date, limit: number): Promise<Array<{ id: string; parentId: string }>> {
    const rows: Array<{ id: string; parent_id: string }> = await this.dataSource.query(
      `SELECT c.id, p.id AS parent_id FROM executions c
         JOIN executions p ON p.id = c.parent_execution_id AND p.status IN ('cancelled', 'failed') AND p.ended_at < $1
         JOIN execution_steps s ON s.execution_id = p.id AND s.step_id = c.parent_step_id
          AND jsonb_typeof(s.state) = 'object' AND s.state->'external'->'child'->>'executionId' = c.id::text
        WHERE c.parent_execution_id IS NOT NULL AND c.status IN ('pending', 'running', 'paused')
        LIMIT $2`,
      [endedBefore, limit],
    );
    return rows.map((row) => ({ id: row.id, parentId: row.parent_id }));
  }
}
