import type { StepRecord } from '../execution/execution-record.js';
import { isStepSettled } from '../execution/execution-status.js';
import { scopeOf } from '../execution/step-id.js';
import { StepListIndex } from '../execution/step-list-index.js';
import { syncStepTable } from '../execution/sync-step-table.js';
import { loopStateOf } from './loop-state.js';
import { OrderedSteps } from './ordered-steps.js';

/** Whether a node is a loop (`kind: 'loop'`): a running loop holds no concurrency slot, its body does. */
export type LoopNodeTest = (nodeId: string) => boolean;

/**
 * Working copy of a graph execution's steps that remembers which rows changed.
 *
 * It also keeps what `advanceGraph` and `prepareGraphStep` would otherwise scan every step for:
 * the waiting steps (pending, not queued), the count of steps holding a concurrency slot, the
 * iterating loops, the count of steps still open, and per scope the settled steps whose
 * outputs expressions see. With `sync`, one table follows an execution from one unit of work
 * to the next at the cost of the rows that changed, so a loop iteration costs the same with
 * 100 or 10,000 items.
 */
export class StepTable {
  private readonly steps = new Map<string, StepRecord>();
  /** Each row's place in `steps` (first seen), which ordered indexes sort by. */
  private readonly orderOf = new Map<string, number>();
  private nextOrder = 0;
  private readonly waitingSteps = new OrderedSteps();
  private readonly busy = new Set<string>();
  private readonly loops = new OrderedSteps();
  private readonly open = new Set<string>();
  /** Per scope: settled, not skipped steps (what `$nodes` shows). */
  private readonly outputs = new Map<string, OrderedSteps>();
  /** Rows set by the current user of the table; not committed until the journal says so. */
  private readonly dirty = new Set<string>();
  private readonly index = new StepListIndex();

  constructor(
    steps: readonly StepRecord[],
    private readonly isLoopNode: LoopNodeTest,
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

  /** Every step: O(steps), for the rare paths only. */
  all(): StepRecord[] {
    return [...this.steps.values()];
  }

  set(step: StepRecord): void {
    this.put(step);
    this.dirty.add(step.stepId);
  }

  changed(): StepRecord[] {
    return [...this.dirty].map((stepId) => this.steps.get(stepId)!);
  }

  /** Steps that wait for their inputs (pending, not queued yet), in table order. */
  waiting(): StepRecord[] {
    return this.waitingSteps.values();
  }

  /** Steps holding one of the execution's concurrency slots: queued, retrying, or running (not a loop). */
  busyCount(): number {
    return this.busy.size;
  }

  /** Loops iterating (running with loop state), in table order. */
  runningLoops(): StepRecord[] {
    return this.loops.values();
  }

  /** Whether every step is settled or cancelled: nothing is left to run. */
  isFinished(): boolean {
    return this.open.size === 0;
  }

  /** Settled, not skipped steps whose id is in `scope` (exactly, not nested), in table order. */
  settledIn(scope: string): StepRecord[] {
    return this.outputs.get(scope)?.values() ?? [];
  }

  private put(step: StepRecord): void {
    const { stepId } = step;
    let order = this.orderOf.get(stepId);
    if (order === undefined) {
      order = this.nextOrder++;
      this.orderOf.set(stepId, order);
    }
    this.steps.set(stepId, step);
    if (step.status === 'pending' && !step.queued) this.waitingSteps.set(step, order);
    else this.waitingSteps.delete(stepId);
    if (this.holdsSlot(step)) this.busy.add(stepId);
    else this.busy.delete(stepId);
    if (step.status === 'running' && loopStateOf(step)) this.loops.set(step, order);
    else this.loops.delete(stepId);
    const settled = isStepSettled(step);
    if (settled || step.status === 'cancelled') this.open.delete(stepId);
    else this.open.add(stepId);
    const scope = scopeOf(stepId);
    if (settled && step.status !== 'skipped') {
      let inScope = this.outputs.get(scope);
      if (!inScope) this.outputs.set(scope, (inScope = new OrderedSteps()));
      inScope.set(step, order);
    } else {
      this.dropOutput(scope, stepId);
    }
  }

  private remove(stepId: string): void {
    if (!this.steps.delete(stepId)) return;
    this.orderOf.delete(stepId);
    this.waitingSteps.delete(stepId);
    this.busy.delete(stepId);
    this.loops.delete(stepId);
    this.open.delete(stepId);
    this.dropOutput(scopeOf(stepId), stepId);
  }

  private dropOutput(scope: string, stepId: string): void {
    const inScope = this.outputs.get(scope);
    if (!inScope) return;
    inScope.delete(stepId);
    if (inScope.size === 0) this.outputs.delete(scope);
  }

  private clear(): void {
    for (const stepId of [...this.steps.keys()]) this.remove(stepId);
    this.nextOrder = 0;
    this.dirty.clear();
  }

  private holdsSlot(step: StepRecord): boolean {
    if (step.status === 'retrying' || (step.status === 'pending' && step.queued)) return true;
    return step.status === 'running' && !this.isLoopNode(step.nodeId);
  }
}
