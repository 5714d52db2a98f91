import type { ExecutionRecord, NewExecutionEvent, StepRecord } from '../../execution/execution-record.js';
import { classifyError } from '../../errors/classify-error.js';
import type { AslStateMachine } from '../definition/asl-definition.js';
import { STATES } from '../definition/asl.error.js';
import { bindVariables } from '../data-flow/path-variables.js';
import { stateOutcomeOf } from '../data-flow/process-state-data.js';
import { retriesOf } from '../failures/asl-step-error.js';
import { childScope } from './asl-step-id.js';
import type { AslStepTable } from './asl-step-table.js';
import { buildContextObject } from './build-context-object.js';
import { type BubbledError, type ContainerState, containerItemsOf, containerStateOf } from './container-state.js';
import { findState } from './find-state.js';
import { applyAssign, resolveJsonataTemplate, usesJsonata } from '../jsonata/resolve-jsonata-template.js';
import { usesVariables, variablesBefore } from '../jsonata/workflow-variables.js';

/**
 * Moves every running Parallel and Map step on: collects the outcome of branches/iterations
 * that ended, starts more up to the container's concurrency, completes the container when all
 * succeeded, and on a failure past the tolerance cancels the rest and hands the failure to the
 * container's own Retry/Catch (a `bubble` attempt). Returns whether anything changed.
 */
export async function advanceContainers(
  table: AslStepTable,
  machine: AslStateMachine,
  execution: ExecutionRecord,
  now: Date,
  events: NewExecutionEvent[],
): Promise<boolean> {
  let changed = false;
  for (const step of table.runningContainers()) {
    const { results: _legacy, ...current } = containerStateOf(step)!;
    // Counters and the active set only: a progress write costs the same at any item count.
    const state: ContainerState = { ...current, active: [...current.active], rerun: [...(current.rerun ?? [])] };
    let progressed = false;
    let firstError: { error: string; cause: string } | null = null;
    for (const index of current.active) {
      const last = table.current(childScope(step.stepId, state.attempt, index));
      if (!last) continue;
      if (last.status === 'completed' && last.handles?.length === 0) {
        // Its output is read back from this row when the container completes.
      } else if (last.status === 'failed' && last.handles === null) {
        state.failures++;
        firstError ??= branchErrorOf(last);
      } else {
        continue;
      }
      state.active = state.active.filter((i) => i !== index);
      progressed = true;
    }
    const total = containerItemsOf(step).length;
    if (firstError && exceedsTolerance(state, total)) {
      const tolerant = state.toleratedFailureCount !== null || state.toleratedFailurePercentage !== null;
      const error = tolerant
        ? {
            error: STATES.ExceedToleratedFailureThreshold,
            cause: `${state.failures} of ${total} iterations failed, more than tolerated`,
          }
        : firstError;
      bubble(table, step, error, now);
      changed = true;
      continue;
    }
    while (state.active.length < state.concurrency && (state.rerun!.length > 0 || state.nextIndex < total)) {
      state.active.push(state.rerun!.length > 0 ? state.rerun!.shift()! : state.nextIndex++);
      progressed = true;
    }
    if (state.nextIndex >= total && state.active.length === 0 && state.rerun!.length === 0) {
      await complete(table, machine, execution, step, state, now, events);
      changed = true;
    } else if (progressed) {
      table.set({ ...step, state: { container: state } });
      changed = true;
    }
  }
  return changed;
}

/** What a failed branch or iteration reports: its last row's error. */
function branchErrorOf(last: StepRecord): { error: string; cause: string } {
  return { error: last.error?.error ?? STATES.TaskFailed, cause: last.error?.cause ?? '' };
}

/**
 * One result per branch/iteration, read from the last row of each (a tolerated failed iteration
 * gives `{ Error, Cause }`): O(items) once, when the container completes.
 */
function resultsOf(table: AslStepTable, step: StepRecord, state: ContainerState, count: number): unknown[] {
  return Array.from({ length: count }, (_, index) => {
    const last = table.current(childScope(step.stepId, state.attempt, index));
    if (last?.status === 'completed') return last.output;
    const error = last ? branchErrorOf(last) : { error: STATES.TaskFailed, cause: '' };
    return { Error: error.error, Cause: error.cause };
  });
}

function exceedsTolerance(state: ContainerState, total: number): boolean {
  if (state.kind === 'parallel') return true;
  const { toleratedFailureCount: count, toleratedFailurePercentage: percentage } = state;
  if (count === null && percentage === null) return true;
  const overCount = count !== null && state.failures > count;
  const overPercentage = percentage !== null && (state.failures * 100) / Math.max(1, total) > percentage;
  // With both set, crossing either threshold fails the Map.
  return overCount || overPercentage;
}

async function complete(
  table: AslStepTable,
  machine: AslStateMachine,
  execution: ExecutionRecord,
  step: StepRecord,
  state: ContainerState,
  now: Date,
  events: NewExecutionEvent[],
): Promise<void> {
  const { scope, stateName } = table.address(step.stepId);
  const definition = findState(machine, scope, stateName);
  const results = resultsOf(table, step, state, containerItemsOf(step).length);
  let output: unknown;
  let vars: Record<string, unknown> | undefined;
  try {
    const context = buildContextObject(execution, step, stateName, table, false);
    const raw = table.rawInputOf(step, execution.input);
    if (usesJsonata(definition, machine)) {
      // JSONata: Assign and Output see the branch/iteration results as $states.result.
      const states = { input: raw, context, result: results };
      const before = variablesBefore(table, step);
      vars = await applyAssign(definition.Assign, states, before);
      output =
        definition.Output === undefined
          ? results
          : await resolveJsonataTemplate(definition.Output, states, before, 'Output');
    } else {
      // JSONPath: the state's Assign reads the results after ResultSelector, with the variables it saw.
      const before = usesVariables(machine) ? variablesBefore(table, step) : undefined;
      if (before) bindVariables(context, before);
      ({ output, variables: vars } = stateOutcomeOf(definition, raw, results, context));
      vars ??= before;
    }
  } catch (error) {
    const failure = classifyError(error);
    bubble(table, step, { error: failure.code, cause: failure.message }, now);
    return;
  }
  const handles = definition.Next !== undefined ? [definition.Next] : [];
  const durationMs = step.startedAt ? now.getTime() - new Date(step.startedAt).getTime() : null;
  table.set({
    ...step,
    status: 'completed',
    output,
    handles,
    error: null,
    state: vars ? { container: state, vars } : { container: state },
    // Its iterations are done: their inputs need not be kept.
    items: undefined,
    endedAt: now,
    durationMs,
  });
  events.push({ type: 'step_completed', stepId: step.stepId, attempt: step.attempt, data: { output, durationMs } });
}

/**
 * Cancels what still runs inside the container and parks the container as `pending` with the
 * failure: its next attempt throws it, so the container's own Retry/Catch decide, in the
 * engine's ordinary failure path.
 */
function bubble(table: AslStepTable, step: StepRecord, error: { error: string; cause: string }, now: Date): void {
  const inside = (stepId: string) => stepId.startsWith(`${step.stepId}[`) || stepId.startsWith(`${step.stepId}#`);
  for (const child of table.all()) {
    if (!inside(child.stepId) || !['pending', 'running', 'retrying'].includes(child.status)) continue;
    table.set({ ...child, status: 'cancelled', queued: false, wakeAt: null, endedAt: now });
  }
  const bubbled: BubbledError = { ...error, retryable: false, bubbled: true, retries: retriesOf(step.error) };
  table.set({ ...step, status: 'pending', queued: false, wakeAt: null, state: null, error: bubbled });
}
