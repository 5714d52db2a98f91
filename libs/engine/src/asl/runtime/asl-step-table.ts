import type { StepRecord } from '../../execution/execution-record.js';
import { StepListIndex } from '../../execution/step-list-index.js';
import { syncStepTable } from '../../execution/sync-step-table.js';
import { type AslStepAddress, parseAslStepId } from './asl-step-id.js';
import { containerItemsOf, containerStateOf } from './container-state.js';

/** Whether a step is a Wait state's entry (it holds no concurrency slot while it waits). */
export type WaitTest = (step: StepRecord, address: AslStepAddress) => boolean;

/**
 * Working copy of an ASL execution's steps, indexed by scope: which state was entered last in
 * a scope, and what a step's raw input is. Remembers changed rows like the graph's StepTable.
 *
 * It also keeps what `advanceAsl` would otherwise scan every step for: the running Parallel and
 * Map steps, and the steps holding a concurrency slot. With `sync`, one table follows an
 * execution from one unit of work to the next at the cost of the rows that changed, so a Map
 * iteration costs the same with 100 or 10,000 iterations.
 */
export class AslStepTable {
  private readonly steps = new Map<string, StepRecord>();
  private readonly scopes = new Map<string, StepRecord[]>();
  private readonly containers = new Map<string, StepRecord>();
  private readonly busy = new Set<string>();
  /** Rows set by the current user of the table; not committed until the journal says so. */
  private readonly dirty = new Set<string>();
  private readonly index = new StepListIndex();

  constructor(
    steps: readonly StepRecord[],
    private readonly isWait: WaitTest = () => false,
  ) {
    this.sync(steps);
  }

  /**
   * Brings the table in line with `steps`, the journal's rows: rows that changed since the last
   * sync are taken in, and what the last user set but did not commit is dropped.
   */
  sync(steps: readonly StepRecord[]): void {
    syncStepTable(this.index, this.dirty, steps, {
      put: (step) => this.put(step),
      remove: (stepId) => this.remove(stepId),
      clear: () => this.clear(),
    });
  }

  get(stepId: string): StepRecord | undefined {
    return this.steps.get(stepId);
  }

  /** Every step: O(steps), for the rare paths (a failing container, redrive). */
  all(): StepRecord[] {
    return [...this.steps.values()];
  }

  /** Running Parallel and Map steps (they move on in `advanceContainers`). */
  runningContainers(): StepRecord[] {
    return [...this.containers.values()];
  }

  /** Steps holding one of the execution's concurrency slots: queued, retrying, or running an attempt (not a Wait). */
  busyCount(): number {
    return this.busy.size;
  }

  address(stepId: string): AslStepAddress {
    return parseAslStepId(stepId);
  }

  set(step: StepRecord): void {
    this.put(step);
    this.dirty.add(step.stepId);
  }

  changed(): StepRecord[] {
    return [...this.dirty].map((stepId) => this.steps.get(stepId)!);
  }

  /** Steps of a scope in entry order. */
  inScope(scope: string): StepRecord[] {
    return this.scopes.get(scope) ?? [];
  }

  /** The state entered last in a scope. */
  current(scope: string): StepRecord | undefined {
    const steps = this.inScope(scope);
    return steps[steps.length - 1];
  }

  /** The `seq`-th state entered in a scope. */
  entry(scope: string, seq: number): StepRecord | undefined {
    const list = this.inScope(scope);
    const at = this.positionIn(list, seq);
    return at < list.length && this.address(list[at].stepId).seq === seq ? list[at] : undefined;
  }

  /**
   * A step's raw input: the output of the state entered before it in its scope, or the input of
   * its branch/iteration, or the execution input at the top.
   */
  rawInputOf(step: StepRecord, executionInput: unknown): unknown {
    const { scope, seq } = this.address(step.stepId);
    if (seq > 1) return this.entry(scope, seq - 1)?.output ?? null;
    if (scope === '') return executionInput;
    const match = /^(.*)(?:#\d+)?\[(\d+)\]\/$/.exec(scope)!;
    const container = this.get(match[1].replace(/#\d+$/, ''));
    return containerItemsOf(container)[Number(match[2])] ?? null;
  }

  private put(step: StepRecord): void {
    const address = this.address(step.stepId);
    const previous = this.steps.get(step.stepId);
    this.steps.set(step.stepId, step);
    const list = this.scopes.get(address.scope) ?? [];
    if (!list.length) this.scopes.set(address.scope, list);
    const at = this.positionIn(list, address.seq);
    const known = !previous ? -1 : list[at] === previous ? at : list.indexOf(previous);
    if (known >= 0) list[known] = step;
    else list.splice(at, 0, step);
    if (step.status === 'running' && containerStateOf(step)) this.containers.set(step.stepId, step);
    else this.containers.delete(step.stepId);
    if (this.holdsSlot(step, address)) this.busy.add(step.stepId);
    else this.busy.delete(step.stepId);
  }

  private remove(stepId: string): void {
    const step = this.steps.get(stepId);
    if (!step) return;
    const address = this.address(stepId);
    const list = this.scopes.get(address.scope)!;
    list.splice(this.positionIn(list, address.seq), 1);
    this.steps.delete(stepId);
    this.containers.delete(stepId);
    this.busy.delete(stepId);
  }

  private clear(): void {
    this.steps.clear();
    this.scopes.clear();
    this.containers.clear();
    this.busy.clear();
    this.dirty.clear();
  }

  private holdsSlot(step: StepRecord, address: AslStepAddress): boolean {
    const open =
      step.status === 'retrying' ||
      (step.status === 'pending' && step.queued) ||
      (step.status === 'running' && !containerStateOf(step));
    return open && !this.isWait(step, address);
  }

  /** Where an entry with `seq` is, or would go, in a scope's list (sorted by seq): binary search. */
  private positionIn(list: StepRecord[], seq: number): number {
    let low = 0;
    let high = list.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.address(list[middle].stepId).seq < seq) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
