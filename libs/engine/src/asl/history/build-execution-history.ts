import type { ExecutionEvent, ExecutionSnapshot, StepRecord } from '../../execution/execution-record.js';
import type { AslStateMachine } from '../definition/asl-definition.js';
import { STATES } from '../definition/asl.error.js';
import { parseAslStepId, parseScope } from '../runtime/asl-step-id.js';
import { findState } from '../runtime/find-state.js';

/** One Step Functions-style history event. */
export interface HistoryEvent {
  id: number;
  timestamp: string;
  type: string;
  stepId?: string;
  stateName?: string;
  details?: Record<string, unknown>;
}

export interface ExecutionHistory {
  events: HistoryEvent[];
  /** State entries plus retries: what Step Functions counts (and bills) as state transitions. */
  stateTransitions: number;
}

/**
 * Step Functions' execution history (ExecutionStarted, TaskStateEntered, TaskScheduled,
 * TaskSucceeded, MapIterationStarted, ...) derived from the journal's events and step rows. Graph
 * executions read as a machine of Task states named by node id.
 */
export function buildExecutionHistory(snapshot: ExecutionSnapshot, journal: ExecutionEvent[]): ExecutionHistory {
  const { execution } = snapshot;
  const steps = new Map(snapshot.steps.map((s) => [s.stepId, s]));
  const asl = execution.format === 'asl' ? (execution.definition as AslStateMachine) : null;
  const events: HistoryEvent[] = [];
  const entered = new Set<string>();
  const iterationsStarted = new Set<string>();
  let stateTransitions = 0;
  const push = (timestamp: Date, type: string, extra: Omit<HistoryEvent, 'id' | 'timestamp' | 'type'> = {}) =>
    events.push({ id: events.length + 1, timestamp: new Date(timestamp).toISOString(), type, ...extra });
  const describe = (stepId: string) => {
    if (!asl)
      return { name: steps.get(stepId)?.nodeId ?? stepId, type: 'Task', resource: undefined as string | undefined };
    const { scope, stateName } = parseAslStepId(stepId);
    try {
      const state = findState(asl, scope, stateName);
      return { name: stateName, type: state.Type as string, resource: state.Resource };
    } catch {
      return { name: stateName, type: 'Task', resource: undefined };
    }
  };
  // Step Functions reports Map iterations only (Parallel branches have no events of their own).
  const mapIterations = (stepId: string) =>
    iterationScopes(stepId).filter((ref) => describe(ref.containerStepId).type === 'Map');
  for (const event of journal) {
    const at = event.timestamp;
    const data = event.data ?? {};
    const stepId = event.stepId;
    const state = stepId ? describe(stepId) : null;
    const named = stepId && state ? { stepId, stateName: state.name } : {};
    switch (event.type) {
      case 'started':
        push(at, 'ExecutionStarted', { details: { input: execution.input } });
        break;
      case 'step_started': {
        stateTransitions++;
        if (!stepId || !state) break;
        for (const iteration of mapIterations(stepId)) {
          if (iterationsStarted.has(iteration.key)) continue;
          iterationsStarted.add(iteration.key);
          push(at, `${iteration.kind}IterationStarted`, {
            stepId: iteration.containerStepId,
            stateName: iteration.stateName,
            details: { index: iteration.index },
          });
        }
        if (!entered.has(stepId)) {
          entered.add(stepId);
          push(at, `${state.type}StateEntered`, { ...named, details: { input: data.input ?? null } });
          if (state.type === 'Map' || state.type === 'Parallel') push(at, `${state.type}StateStarted`, named);
        }
        if (state.type === 'Task') {
          push(at, 'TaskScheduled', {
            ...named,
            details: { resource: state.resource ?? steps.get(stepId)?.nodeId, attempt: event.attempt },
          });
          push(at, 'TaskStarted', named);
        }
        break;
      }
      case 'step_completed': {
        if (!stepId || !state) break;
        if (state.type === 'Task') push(at, 'TaskSucceeded', { ...named, details: { output: data.output ?? null } });
        if (state.type === 'Map' || state.type === 'Parallel') push(at, `${state.type}StateSucceeded`, named);
        push(at, `${state.type}StateExited`, { ...named, details: { output: data.output ?? null } });
        const ended = endsIteration(steps.get(stepId)) ? mapIterations(stepId).pop() : undefined;
        if (ended)
          push(at, `${ended.kind}IterationSucceeded`, {
            stepId: ended.containerStepId,
            stateName: ended.stateName,
            details: { index: ended.index },
          });
        break;
      }
      case 'step_retrying':
      case 'step_failed': {
        if (!stepId || !state) break;
        const details = { error: data.error ?? null, cause: data.cause ?? null };
        const timedOut = data.error === STATES.Timeout || data.error === STATES.HeartbeatTimeout;
        if (state.type === 'Task') push(at, timedOut ? 'TaskTimedOut' : 'TaskFailed', { ...named, details });
        else if (state.type === 'Map' || state.type === 'Parallel')
          push(at, `${state.type}StateFailed`, { ...named, details });
        if (event.type === 'step_failed' && data.handledBy)
          push(at, `${state.type}StateExited`, { ...named, details: { caught: true } });
        if (event.type === 'step_failed' && !data.handledBy && data.error !== 'CANCELLED') {
          const ended = mapIterations(stepId).pop();
          if (ended)
            push(at, `${ended.kind}IterationFailed`, {
              stepId: ended.containerStepId,
              stateName: ended.stateName,
              details: { index: ended.index, ...details },
            });
        }
        break;
      }
      case 'paused':
        push(at, 'ExecutionPaused');
        break;
      case 'resumed':
        push(
          at,
          data.redriveCount ? 'ExecutionRedriven' : 'ExecutionResumed',
          data.redriveCount ? { details: { redriveCount: data.redriveCount } } : {},
        );
        break;
      case 'completed':
        push(at, 'ExecutionSucceeded', { details: { output: data.output ?? null } });
        break;
      case 'failed':
        push(
          at,
          data.error === STATES.Timeout || data.error === 'EXECUTION_TIMEOUT' ? 'ExecutionTimedOut' : 'ExecutionFailed',
          { details: { error: data.error ?? null, cause: data.cause ?? null } },
        );
        break;
      case 'cancelled':
        push(at, 'ExecutionAborted', { details: { cause: data.cause ?? null } });
        break;
    }
  }
  return { events, stateTransitions };
}

interface IterationRef {
  key: string;
  kind: 'Map';
  containerStepId: string;
  stateName: string;
  index: number;
}

/** The Map iterations / Parallel branches a step runs in, outermost first. */
function iterationScopes(stepId: string): IterationRef[] {
  const { scope } = parseAslStepId(stepId);
  if (!scope) return [];
  const refs: IterationRef[] = [];
  let prefix = '';
  for (const part of parseScope(scope)) {
    const rest = scope.slice(prefix.length);
    const match = /^[^[]*\[\d+\]\//.exec(rest);
    prefix += match ? match[0] : '';
    refs.push({
      key: prefix,
      kind: 'Map',
      containerStepId: part.containerStepId,
      stateName: part.stateName,
      index: part.index,
    });
  }
  return refs;
}

/** Whether a settled step was the last state of its branch/iteration (no transition left). */
function endsIteration(step: StepRecord | undefined): boolean {
  return !!step && step.handles !== null && step.handles.length === 0;
}
