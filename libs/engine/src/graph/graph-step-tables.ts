import type { GraphIndex } from '../definition/index-graph.js';
import type { ExecutionSnapshot } from '../execution/execution-record.js';
import { BoundedCache } from '../runtime/bounded-cache.js';
import { StepTable } from './step-table.js';

// Executions one process moves at once; one more is indexed again on its next unit of work.
const KEPT_TABLES = 256;

/**
 * The step tables of the executions this process works on, kept between units of work so each
 * one pays for the rows that changed, not for the whole execution. A table serves one user at a
 * time (an advance awaits while its writes are not committed yet); a second concurrent user of
 * the same execution builds a table of its own.
 */
export class GraphStepTables {
  private readonly kept = new BoundedCache<string, { index: GraphIndex; table: StepTable }>(KEPT_TABLES);
  private readonly inUse = new Set<string>();

  async use<T>(snapshot: ExecutionSnapshot, index: GraphIndex, work: (table: StepTable) => Promise<T>): Promise<T> {
    const executionId = snapshot.execution.id;
    if (this.inUse.has(executionId)) return work(tableOf(snapshot, index));
    this.inUse.add(executionId);
    try {
      const known = this.kept.get(executionId);
      if (known?.index === index) {
        known.table.sync(snapshot.steps);
        return await work(known.table);
      }
      const table = tableOf(snapshot, index);
      this.kept.set(executionId, { index, table });
      return await work(table);
    } finally {
      this.inUse.delete(executionId);
    }
  }
}

/** A table over an execution's steps that knows its definition's loop nodes. */
export function tableOf(snapshot: ExecutionSnapshot, index: GraphIndex): StepTable {
  return new StepTable(snapshot.steps, (nodeId) => index.nodeTypes.get(nodeId)?.kind === 'loop');
}
