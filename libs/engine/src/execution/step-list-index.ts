import type { StepRecord } from './execution-record.js';

/** What `StepListIndex.sync` found: the positions whose row is new or replaced, or that it re-read the list whole. */
export type StepListChanges = { rebuilt: false; changed: number[] } | { rebuilt: true };

/**
 * Where each step of an execution's step list sits, kept across units of work. Stores hand out
 * the same frozen rows in a stable order (a changed row keeps its place, new rows come last), so
 * bringing the index in line with the next list costs one reference compare per row, and hash
 * work only for the rows that changed. Rebuilding a map of every step on every load made each
 * step of a large Map cost O(iterations).
 *
 * Correct for any list: when the order is not the one it knows, it re-reads the list whole.
 */
export class StepListIndex {
  private current: readonly StepRecord[] = [];
  private readonly positions = new Map<string, number>();

  get list(): readonly StepRecord[] {
    return this.current;
  }

  positionOf(stepId: string): number | undefined {
    return this.positions.get(stepId);
  }

  get(stepId: string): StepRecord | undefined {
    const position = this.positions.get(stepId);
    return position === undefined ? undefined : this.current[position];
  }

  sync(steps: readonly StepRecord[]): StepListChanges {
    const previous = this.current;
    if (steps === previous) return { rebuilt: false, changed: [] };
    if (steps.length < previous.length) return this.rebuild(steps);
    const changed: number[] = [];
    for (let i = 0; i < previous.length; i++) {
      if (steps[i] === previous[i]) continue;
      if (steps[i].stepId !== previous[i].stepId) return this.rebuild(steps);
      changed.push(i);
    }
    for (let i = previous.length; i < steps.length; i++) {
      if (this.positions.has(steps[i].stepId)) return this.rebuild(steps);
      this.positions.set(steps[i].stepId, i);
      changed.push(i);
    }
    this.current = steps;
    return { rebuilt: false, changed };
  }

  private rebuild(steps: readonly StepRecord[]): StepListChanges {
    this.positions.clear();
    steps.forEach((step, i) => this.positions.set(step.stepId, i));
    this.current = steps;
    return { rebuilt: true };
  }
}
