import type { GraphIndex } from '../definition/index-graph.js';
import { LOOP_DONE_HANDLE } from '../definition/index-graph.js';
import { type NewExecutionEvent, newStepRecord } from '../execution/execution-record.js';
import { isStepSettled } from '../execution/execution-status.js';
import { iterationScope } from '../execution/step-id.js';
import { type LoopState, loopStateOf } from './loop-state.js';
import { deliveredValues, resolveEdge } from './resolve-edge.js';
import type { StepTable } from './step-table.js';

/**
 * Moves every iterating loop forward: collects results of iterations whose body settled,
 * starts new iterations up to the loop's concurrency (creating their step rows) and completes
 * the loop when all items are done. Returns whether anything changed.
 */
export function advanceLoops(table: StepTable, index: GraphIndex, now: Date, events: NewExecutionEvent[]): boolean {
  let changed = false;
  for (const step of table.all()) {
    const current = loopStateOf(step);
    if (step.status !== 'running' || !current) continue;
    const body = index.loopBody.get(step.nodeId) ?? [];
    const state: LoopState = { ...current, active: [...current.active], results: [...current.results] };
    let loopChanged = false;
    for (const i of current.active) {
      const scope = iterationScope(step.stepId, i);
      if (!body.every((nodeId) => isBodyStepSettled(table, scope + nodeId))) continue;
      const values = deliveredValues(
        (index.loopResults.get(step.nodeId) ?? []).map((e) => resolveEdge(e, scope, table, index)),
      );
      state.results[i] = values.length > 1 ? values : (values[0] ?? null);
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
      const durationMs = step.startedAt ? now.getTime() - step.startedAt.getTime() : null;
      table.set({
        ...step,
        status: 'completed',
        output: state.results,
        handles: [LOOP_DONE_HANDLE],
        state: { loop: state },
        endedAt: now,
        durationMs,
      });
      events.push({
        type: 'step_completed',
        stepId: step.stepId,
        attempt: step.attempt,
        data: { output: state.results },
      });
      changed = true;
    } else if (loopChanged) {
      table.set({ ...step, state: { loop: state } });
      changed = true;
    }
  }
  return changed;
}

function isBodyStepSettled(table: StepTable, stepId: string): boolean {
  const step = table.get(stepId);
  return step !== undefined && (isStepSettled(step) || step.status === 'cancelled');
}
