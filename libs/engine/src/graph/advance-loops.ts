import type { GraphIndex } from '../definition/index-graph.js';
import { LOOP_DONE_HANDLE } from '../definition/index-graph.js';
import { type NewExecutionEvent, newStepRecord, type StepRecord } from '../execution/execution-record.js';
import { isStepSettled } from '../execution/execution-status.js';
import { iterationScope } from '../execution/step-id.js';
import { type LoopState, loopStateOf } from './loop-state.js';
import { deliveredValues, resolveEdge } from './resolve-edge.js';
import type { StepTable } from './step-table.js';

/**
 * Moves every iterating loop forward: retires iterations whose body settled, starts new
 * iterations up to the loop's concurrency (creating their step rows) and completes the loop
 * when all items are done. Returns whether anything changed.
 *
 * A progress write holds counters and the active iterations only, so it costs the same at any
 * item count; the results are read from the iterations' rows once, when the loop completes.
 */
export function advanceLoops(table: StepTable, index: GraphIndex, now: Date, events: NewExecutionEvent[]): boolean {
  let changed = false;
  for (const step of table.runningLoops()) {
    // Rows written before results were read at completion carry them: ignored, read from the rows.
    const { results: _legacy, ...current } = loopStateOf(step)!;
    const body = index.loopBody.get(step.nodeId) ?? [];
    const state: LoopState = { ...current, active: [...current.active] };
    let loopChanged = false;
    for (const i of current.active) {
      const scope = iterationScope(step.stepId, i);
      if (!body.every((nodeId) => isBodyStepSettled(table, scope + nodeId))) continue;
      state.active = state.active.filter((n) => n !== i);
      loopChanged = true;
    }
    while (state.active.length < state.concurrency && state.nextIndex < state.items.length) {
      const scope = iterationScope(step.stepId, state.nextIndex);
      for (const nodeId of body) table.set(newStepRecord(step.executionId, scope + nodeId, nodeId));
      state.active.push(state.nextIndex++);
      loopChanged = true;
    }
    if (state.nextIndex >= state.items.length && state.active.length === 0) {
      const results = resultsOf(table, index, step, state);
      const durationMs = step.startedAt ? now.getTime() - step.startedAt.getTime() : null;
      table.set({
        ...step,
        status: 'completed',
        output: results,
        handles: [LOOP_DONE_HANDLE],
        state: { loop: state },
        endedAt: now,
        durationMs,
      });
      events.push({ type: 'step_completed', stepId: step.stepId, attempt: step.attempt, data: { output: results } });
      changed = true;
    } else if (loopChanged) {
      table.set({ ...step, state: { loop: state } });
      changed = true;
    }
  }
  return changed;
}

/**
 * One result per item, in item order: what the back-edges into `next` delivered in that
 * iteration (an array when several did, null when none did). O(items) once, at completion.
 */
function resultsOf(table: StepTable, index: GraphIndex, step: StepRecord, state: LoopState): unknown[] {
  const edges = index.loopResults.get(step.nodeId) ?? [];
  return state.items.map((_, i) => {
    const scope = iterationScope(step.stepId, i);
    const values = deliveredValues(edges.map((edge) => resolveEdge(edge, scope, table, index)));
    return values.length > 1 ? values : (values[0] ?? null);
  });
}

function isBodyStepSettled(table: StepTable, stepId: string): boolean {
  const step = table.get(stepId);
  return step !== undefined && (isStepSettled(step) || step.status === 'cancelled');
}
