import { resetStepsForRedrive } from '../../engine/reset-steps-for-redrive.js';
import type { ExecutionSnapshot, StepRecord } from '../../execution/execution-record.js';
import type { AslStateMachine } from '../definition/asl-definition.js';
import { childScope } from './asl-step-id.js';
import { AslStepTable } from './asl-step-table.js';
import { buildContextObject } from './build-context-object.js';
import { type ContainerState, withContainer } from './container-state.js';
import { findState } from './find-state.js';
import { startContainer } from './start-container.js';

/**
 * Redrive as Step Functions' RedriveExecution: failed and cancelled states run again, and a
 * failed Map/Parallel resumes in the same scope instead of starting afresh: iterations (and
 * branches) that succeeded keep their results and are not run again; the others continue from
 * their own failed state.
 */
export function redriveAslSteps(snapshot: ExecutionSnapshot): StepRecord[] {
  const reset = resetStepsForRedrive(snapshot.steps);
  const table = new AslStepTable(snapshot.steps);
  const machine = snapshot.execution.definition as AslStateMachine;
  return reset.map((step) => {
    const original = table.get(step.stepId)!;
    if (original.status !== 'failed') return step;
    return resumeContainer(snapshot, machine, table, original) ?? step;
  });
}

function resumeContainer(
  snapshot: ExecutionSnapshot,
  machine: AslStateMachine,
  table: AslStepTable,
  step: StepRecord,
): StepRecord | null {
  const { scope, stateName } = table.address(step.stepId);
  const state = findState(machine, scope, stateName);
  if (state.Type !== 'Map' && state.Type !== 'Parallel') return null;
  // The attempt that started the last iterations is part of their scopes: `2.M[0]/` or `2.M#3[0]/`.
  const pattern = new RegExp(`^${escapeRegExp(step.stepId)}(?:#(\\d+))?\\[(\\d+)\\]/\\d+\\.[^/]*$`);
  let attempt = 0;
  const started = new Set<number>();
  for (const child of table.all()) {
    const match = pattern.exec(child.stepId);
    if (!match) continue;
    const childAttempt = match[1] ? Number(match[1]) : 1;
    if (childAttempt > attempt) started.clear();
    if (childAttempt >= attempt) {
      attempt = childAttempt;
      started.add(Number(match[2]));
    }
  }
  // Failed before any iteration ran (its input, ItemsPath...): it starts again as a whole.
  if (attempt === 0) return null;
  let container: ContainerState;
  try {
    const context = buildContextObject(snapshot.execution, step, stateName, table, false);
    container = startContainer(state, table.rawInputOf(step, snapshot.execution.input), context, attempt);
  } catch {
    return null;
  }
  const rerun: number[] = [];
  for (const index of [...started].sort((a, b) => a - b)) {
    const last = table.current(childScope(step.stepId, attempt, index));
    // Successful ones keep their rows: the container reads their results when it completes.
    if (last?.status !== 'completed' || last.handles?.length !== 0) rerun.push(index);
  }
  container.nextIndex = started.size === 0 ? 0 : Math.max(...started) + 1;
  container.rerun = rerun;
  return withContainer(
    {
      ...step,
      status: 'running',
      queued: false,
      wakeAt: null,
      error: null,
      output: null,
      endedAt: null,
      durationMs: null,
    },
    container,
  );
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
