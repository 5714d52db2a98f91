import type { AdvancePlan, PlannedJob } from '../../engine/workflow-interpreter.js';
import {
  type ExecutionSnapshot,
  type NewExecutionEvent,
  newStepRecord,
  type StepRecord,
} from '../../execution/execution-record.js';
import { isStepSettled } from '../../execution/execution-status.js';
import type { AslStateMachine } from '../definition/asl-definition.js';
import { applyInputPath } from '../data-flow/process-state-data.js';
import { aslStepId } from './asl-step-id.js';
import { AslStepTable, type WaitTest } from './asl-step-table.js';
import { buildContextObject } from './build-context-object.js';
import { computeWaitDelayMs } from './compute-wait-delay.js';
import { advanceContainers } from './advance-containers.js';
import { containerStateOf } from './container-state.js';
import { findState, findSubMachine } from './find-state.js';
import { liveScopes } from './live-scopes.js';
import { jsonataWaitDelayMs } from '../jsonata/run-jsonata-state.js';
import { usesJsonata } from '../jsonata/resolve-jsonata-template.js';
import { usesVariables, variablesBefore } from '../jsonata/workflow-variables.js';
import { bindVariables } from '../data-flow/path-variables.js';

/**
 * Decides what happens next from persisted rows alone (after any outcome, on resume, redrive and
 * recovery): follow each live scope's last settled state to its Next, move Parallel and Map
 * steps on, queue what is ready up to the bound, and tell when the top level has ended.
 */
export async function advanceAsl(
  snapshot: ExecutionSnapshot,
  machine: AslStateMachine,
  now: Date,
  maxConcurrency: number,
  table: AslStepTable = new AslStepTable(snapshot.steps, waitTestOf(machine)),
): Promise<AdvancePlan> {
  const events: NewExecutionEvent[] = [];
  const { execution } = snapshot;
  for (let changed = true; changed;) {
    changed = await advanceContainers(table, machine, execution, now, events);
    for (const scope of liveScopes(table)) {
      const current = table.current(scope);
      if (!current) {
        table.set(
          newStepRecord(
            execution.id,
            aslStepId(scope, 1, findSubMachine(machine, scope).StartAt),
            findSubMachine(machine, scope).StartAt,
          ),
        );
        changed = true;
        continue;
      }
      const settled = isStepSettled(current) && current.status !== 'skipped';
      if (!settled || !current.handles?.length) continue;
      const next = current.handles[0];
      table.set(newStepRecord(execution.id, aslStepId(scope, table.address(current.stepId).seq + 1, next), next));
      changed = true;
    }
  }
  const jobs = await scheduleReady(table, machine, snapshot, now, maxConcurrency);
  const last = table.current('');
  const finished = last && last.status === 'completed' && last.handles?.length === 0 ? { output: last.output } : null;
  return { changed: table.changed(), events, jobs, finished };
}

async function scheduleReady(
  table: AslStepTable,
  machine: AslStateMachine,
  snapshot: ExecutionSnapshot,
  now: Date,
  maxConcurrency: number,
): Promise<PlannedJob[]> {
  const isWait = (step: StepRecord) => stateTypeOf(table, machine, step) === 'Wait';
  let slots = Math.max(0, maxConcurrency - table.busyCount());
  const jobs: PlannedJob[] = [];
  for (const scope of liveScopes(table)) {
    const step = table.current(scope);
    if (!step || step.status !== 'pending' || step.queued) continue;
    const waiting = isWait(step);
    if (!waiting && slots === 0) continue;
    if (!waiting) slots--;
    const delayMs = waiting ? await waitDelayOf(table, machine, snapshot, step, now) : 0;
    const attempt = step.attempt + 1;
    // A container starts afresh: its old progress must not look like an iterating step.
    table.set({
      ...step,
      attempt,
      queued: true,
      state: null,
      wakeAt: delayMs > 0 ? new Date(now.getTime() + delayMs) : null,
    });
    jobs.push({ stepId: step.stepId, attempt, delayMs });
  }
  return jobs;
}

function stateTypeOf(table: AslStepTable, machine: AslStateMachine, step: StepRecord): string {
  const { scope, stateName } = table.address(step.stepId);
  return findState(machine, scope, stateName).Type;
}

/** The table's Wait test for a machine: Wait entries hold no concurrency slot. */
export function waitTestOf(machine: AslStateMachine): WaitTest {
  return (_step, { scope, stateName }) => findState(machine, scope, stateName).Type === 'Wait';
}

// A bad SecondsPath or timestamp waits 0: the Wait attempt then fails with States.Runtime.
async function waitDelayOf(
  table: AslStepTable,
  machine: AslStateMachine,
  snapshot: ExecutionSnapshot,
  step: StepRecord,
  now: Date,
): Promise<number> {
  try {
    const { scope, stateName } = table.address(step.stepId);
    const state = findState(machine, scope, stateName);
    const context = buildContextObject(snapshot.execution, step, stateName, table, false);
    if (usesJsonata(state, machine))
      return await jsonataWaitDelayMs(
        state,
        table.rawInputOf(step, snapshot.execution.input),
        context,
        variablesBefore(table, step),
        now,
      );
    if (usesVariables(machine)) bindVariables(context, variablesBefore(table, step));
    const effective = applyInputPath(state, table.rawInputOf(step, snapshot.execution.input), context);
    return computeWaitDelayMs(state, effective, context, now);
  } catch {
    return 0;
  }
}
