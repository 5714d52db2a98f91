import type { StepRecord } from './execution-record.js';

/**
 * Lists their owner changes in place (a unit of work's working list), with every position written,
 * in order: an index that last saw such a list follows it by the log instead of comparing it whole.
 */
const writtenInPlace = new WeakMap<readonly StepRecord[], number[]>();

/** Puts `step` at `position` of `list` (its length appends) and logs the write for the indexes that follow it. */
export function writeInPlace(list: StepRecord[], position: number, step: StepRecord): void {
  let log = writtenInPlace.get(list);
  if (!log) writtenInPlace.set(list, (log = []));
  list[position] = step;
  log.push(position);
}

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
  /** In-place writes to `current` already taken in. */
  private seen = 0;

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
    if (steps === previous) return { rebuilt: false, changed: this.logSince(steps) };
    if (steps.length < previous.length) return this.rebuild(steps);
    // What the owner of the previous list wrote into it after this index last looked: the new
    // list shares those rows, so comparing by reference alone would miss them.
    const changed = this.logSince(previous);
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
    this.seen = writtenInPlace.get(steps)?.length ?? 0;
    return { rebuilt: false, changed };
  }

  /** Positions written into `list` in place since this index last looked at it (none for a list nobody changes). */
  private logSince(list: readonly StepRecord[]): number[] {
    const log = writtenInPlace.get(list);
    if (!log || log.length === this.seen) return [];
    const changed = log.slice(this.seen);
    this.seen = log.length;
    for (const position of changed) this.positions.set(list[position].stepId, position);
    return changed;
  }

  private rebuild(steps: readonly StepRecord[]): StepListChanges {
    this.positions.clear();
    steps.forEach((step, i) => this.positions.set(step.stepId, i));
    this.current = steps;
    this.seen = writtenInPlace.get(steps)?.length ?? 0;
    return { rebuilt: true };
  }
}
