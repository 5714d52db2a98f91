import type { StepRecord } from './execution-record.js';
import type { StepListIndex } from './step-list-index.js';

/** What a step table does with the rows `syncStepTable` hands it. */
export interface SyncedTable {
  put(step: StepRecord): void;
  remove(stepId: string): void;
  clear(): void;
}

/**
 * Brings a step table kept between units of work in line with `steps`, the journal's rows: rows
 * that changed since the last sync are taken in (all of them when the list is not the one the
 * index knows), and what the table's last user set (`dirty`) but never committed is dropped.
 */
export function syncStepTable(
  index: StepListIndex,
  dirty: Set<string>,
  steps: readonly StepRecord[],
  table: SyncedTable,
): void {
  const changes = index.sync(steps);
  if (changes.rebuilt) {
    table.clear();
    for (const step of steps) table.put(step);
  } else {
    for (const position of changes.changed) table.put(steps[position]);
    for (const stepId of dirty) {
      const committed = index.get(stepId);
      if (committed) table.put(committed);
      else table.remove(stepId);
    }
  }
  dirty.clear();
}
