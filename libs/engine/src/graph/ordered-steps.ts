import type { StepRecord } from '../execution/execution-record.js';

/**
 * A subset of a step table's rows, handed out in the table's row order (the order a scan of
 * every row would see them in), so an index gives the same answer, in the same order, as the
 * filter over all rows it replaces. Rows usually join in order (new rows come last); one that
 * joins out of order (a row reset by redrive, a rolled-back write) costs one sort on next read.
 */
export class OrderedSteps {
  private entries = new Map<string, { step: StepRecord; order: number }>();
  private last = -1;
  private sorted = true;

  get size(): number {
    return this.entries.size;
  }

  /** Adds or replaces a row; `order` is its place in the table, fixed while the row is there. */
  set(step: StepRecord, order: number): void {
    const known = this.entries.get(step.stepId);
    if (known) {
      known.step = step;
      return;
    }
    if (order < this.last) this.sorted = false;
    else this.last = order;
    this.entries.set(step.stepId, { step, order });
  }

  delete(stepId: string): void {
    this.entries.delete(stepId);
  }

  /** The rows, in table order: a copy, so the caller may change the table while it walks them. */
  values(): StepRecord[] {
    if (!this.sorted) {
      this.entries = new Map([...this.entries].sort(([, a], [, b]) => a.order - b.order));
      this.sorted = true;
    }
    return Array.from(this.entries.values(), (entry) => entry.step);
  }
}
