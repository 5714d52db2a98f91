import type { GraphIndex } from '../definition/index-graph.js';
import type { ExecutionSnapshot, NewExecutionEvent, StepRecord } from '../execution/execution-record.js';
import type { AdvancePlan, PlannedJob } from '../engine/workflow-interpreter.js';
import { advanceLoops } from './advance-loops.js';
import { findStepReadiness } from './find-step-readiness.js';
import { findWorkflowOutput } from './find-workflow-output.js';
import { tableOf } from './graph-step-tables.js';
import type { StepTable } from './step-table.js';

/** Asks how long a ready step parks before it runs (flow.delay); 0 for most nodes. */
export type StartDelayOf = (step: StepRecord, table: StepTable) => Promise<number>;

/**
 * Decides what happens next from persisted state alone, so it can run after any outcome, on
 * resume, on redrive and in crash recovery: skip what can no longer run, move loops on, queue
 * ready steps up to the concurrency bound, and tell when the workflow is finished.
 *
 * It reads the table's indexes (waiting steps, busy count, iterating loops, open count), never
 * every step, so a loop iteration costs the same at any item count.
 */
export async function advanceGraph(
  snapshot: ExecutionSnapshot,
  index: GraphIndex,
  now: Date,
  maxConcurrency: number,
  startDelayOf: StartDelayOf,
  table: StepTable = tableOf(snapshot, index),
): Promise<AdvancePlan> {
  const events: NewExecutionEvent[] = [];
  // Skips and finished iterations can unlock more skips and iterations: repeat to a fixed point.
  for (let changed = true; changed;) {
    changed = advanceLoops(table, index, now, events);
    for (const step of table.waiting()) {
      if (findStepReadiness(step, table, index) !== 'skip') continue;
      table.set({ ...step, status: 'skipped', handles: [], endedAt: now });
      changed = true;
    }
  }
  const slots = Math.max(0, maxConcurrency - table.busyCount());
  const ready: StepRecord[] = [];
  for (const step of table.waiting()) {
    if (ready.length >= slots) break;
    if (findStepReadiness(step, table, index) === 'ready') ready.push(step);
  }
  const jobs: PlannedJob[] = [];
  for (const step of ready) {
    const delayMs = Math.max(0, await startDelayOf(step, table));
    const attempt = step.attempt + 1;
    table.set({ ...step, attempt, queued: true, wakeAt: delayMs > 0 ? new Date(now.getTime() + delayMs) : null });
    jobs.push({ stepId: step.stepId, attempt, delayMs });
  }
  const finished = table.isFinished() ? { output: findWorkflowOutput(index, (stepId) => table.get(stepId)) } : null;
  return { changed: table.changed(), events, jobs, finished };
}
