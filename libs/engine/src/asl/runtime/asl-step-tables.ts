import type { ExecutionSnapshot } from '../../execution/execution-record.js';
import { BoundedCache } from '../../runtime/bounded-cache.js';
import type { AslStateMachine } from '../definition/asl-definition.js';
import { waitTestOf } from './advance-asl.js';
import { AslStepTable } from './asl-step-table.js';

// Executions one process moves at once; one more is indexed again on its next unit of work.
const KEPT_TABLES = 256;

/**
 * The step tables of the executions this process works on, kept between units of work so each
 * one pays for the rows that changed, not for the whole execution. A table serves one user at a
 * time (an advance awaits while its writes are not committed yet); a second concurrent user of
 * the same execution builds a table of its own.
 */
export class AslStepTables {
  private readonly kept = new BoundedCache<string, { machine: AslStateMachine; table: AslStepTable }>(KEPT_TABLES);
  private readonly inUse = new Set<string>();

  async use<T>(snapshot: ExecutionSnapshot, work: (table: AslStepTable) => Promise<T>): Promise<T> {
    const executionId = snapshot.execution.id;
    const machine = snapshot.execution.definition as AslStateMachine;
    if (this.inUse.has(executionId)) return work(new AslStepTable(snapshot.steps, waitTestOf(machine)));
    this.inUse.add(executionId);
    try {
      const known = this.kept.get(executionId);
      if (known?.machine === machine) {
        known.table.sync(snapshot.steps);
        return await work(known.table);
      }
      const table = new AslStepTable(snapshot.steps, waitTestOf(machine));
      this.kept.set(executionId, { machine, table });
      return await work(table);
    } finally {
      this.inUse.delete(executionId);
    }
  }
}
