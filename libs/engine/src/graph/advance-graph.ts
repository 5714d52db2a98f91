import type { GraphIndex } from '../definition/index-graph.js';
import type { ExecutionSnapshot, NewExecutionEvent, StepRecord } from '../execution/execution-record.js';
import { isStepSettled } from '../execution/execution-status.js';
import type { AdvancePlan, PlannedJob } from '../engine/workflow-interpreter.js';
import { advanceLoops } from './advance-loops.js';
import { findStepReadiness } from './find-step-readiness.js';
import { findWorkflowOutput } from './find-workflow-output.js';
import { StepTable } from './step-table.js';

/** Asks how long a ready step parks before it runs (flow.delay); 0 for most nodes. */
export type StartDelayOf = (step: StepRecord, table: StepTable) => Promise<number>;

/**
 * Decides what happens next from persisted state alone, so it can run after any outcome, on
 * resume, on redrive and in crash recovery: skip what can no longer run, move loops on, queue
 * ready steps up to the concurrency bound, and tell when the workflow is finished.
 */
export async function advanceGraph(
  snapshot: ExecutionSnapshot,
  index: GraphIndex,
  now: Date,
  maxConcurrency: number,
  startDelayOf: StartDelayOf,
): Promise<AdvancePlan> {
  const table = new StepTable(snapshot.steps);
  const events: NewExecutionEvent[] = [];
  const waiting = (step: StepRecord) => step.status === 'pending' && !step.queued;
  // Skips and finished iterations can unlock more skips and iterations: repeat to a fixed point.
  for (let changed = true; changed;) {
    changed = advanceLoops(table, index, now, events);
    for (const step of table.all().filter(waiting)) {
      if (findStepReadiness(step, table, index) !== 'skip') continue;
      table.set({ ...step, status: 'skipped', handles: [], endedAt: now });
      changed = true;
    }
  }
  const ready = table.all().filter((step) => waiting(step) && findStepReadiness(step, table, index) === 'ready');
  const busy = table.all().filter((step) => isBusy(step, index)).length;
  const jobs: PlannedJob[] = [];
  for (const step of ready.slice(0, Math.max(0, maxConcurrency - busy))) {
    const delayMs = Math.max(0, await startDelayOf(step, table));
    const attempt = step.attempt + 1;
    table.set({ ...step, attempt, queued: true, wakeAt: delayMs > 0 ? new Date(now.getTime() + delayMs) : null });
    jobs.push({ stepId: step.stepId, attempt, delayMs });
  }
  const steps = table.all();
  const finished = steps.every((step) => isStepSettled(step) || step.status === 'cancelled')
    ? { output: findWorkflowOutput(index, steps) }
    : null;
  return { changed: table.changed(), events, jobs, finished };
}

// A step holding one of the execution's concurrency slots. An iterating loop does not: its
// body steps do.
function isBusy(step: StepRecord, index: GraphIndex): boolean {
  if (step.status === 'retrying' || (step.status === 'pending' && step.queued)) return true;
  return step.status === 'running' && index.nodeTypes.get(step.nodeId)?.kind !== 'loop';
}
