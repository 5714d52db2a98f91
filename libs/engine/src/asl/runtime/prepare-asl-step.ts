import type { PreparedStep } from '../../engine/workflow-interpreter.js';
import { classifyError } from '../../errors/classify-error.js';
import type { EngineError } from '../../errors/engine.error.js';
import type { ExecutionSnapshot, StepRecord } from '../../execution/execution-record.js';
import { DEFAULT_RETRY_POLICY } from '../../execution/retry-policy.js';
import type { NodeRegistry } from '../../nodes/node-registry.js';
import type { AnyNodeType, NodeContext, NodeResult } from '../../nodes/node-type.js';
import type { AslState, AslStateMachine } from '../definition/asl-definition.js';
import { AslError, runtimeError } from '../definition/asl.error.js';
import { applyInputPath } from '../data-flow/process-state-data.js';
import { readPath } from '../data-flow/read-path.js';
import { type AslStepTable } from './asl-step-table.js';
import { type AslContextObject, buildContextObject } from './build-context-object.js';
import { isBubbled } from './container-state.js';
import { findState } from './find-state.js';
import { type AslRuntimeOptions, runStateAttempt } from './run-state-attempt.js';
import { startContainer } from './start-container.js';
import { taskReplayTraits } from './task-replay-traits.js';
import { type CaughtFailure, evaluateCatcher } from '../jsonata/evaluate-catcher.js';
import { jsonataSeconds, runJsonataState } from '../jsonata/run-jsonata-state.js';
import { startJsonataContainer } from '../jsonata/start-jsonata-container.js';
import { usesJsonata } from '../jsonata/resolve-jsonata-template.js';
import { usesVariables, variablesBefore } from '../jsonata/workflow-variables.js';
import { bindVariables, type WorkflowVariables } from '../data-flow/path-variables.js';

/** `state`: one attempt of a simple state; `start`: a Parallel/Map evaluates its branches; `bubble`: a container carries a branch failure to its own Retry/Catch. */
export type AslPhase = 'state' | 'start' | 'bubble';

/** What the ASL interpreter hands the engine for a step, plus what it needs back in completeStep. */
export interface AslPreparedStep extends PreparedStep {
  asl: {
    phase: AslPhase;
    state: AslState;
    stateName: string;
    scope: string;
    raw: unknown;
    context: AslContextObject;
    /** JSONata states: the workflow variables the entry sees, and (set by the attempt) those after it. */
    jsonata?: { variables: Record<string, unknown>; assigned?: Record<string, unknown>; caught?: CaughtFailure };
    /** JSONPath states of a machine that assigns: the variables the entry sees. */
    variables?: WorkflowVariables;
    /** JSONPath states of a machine that assigns: the variables after the entry (set by the attempt). */
    assigned?: WorkflowVariables;
  };
}

export async function prepareAslStep(
  snapshot: ExecutionSnapshot,
  step: StepRecord,
  machine: AslStateMachine,
  table: AslStepTable,
  registry: NodeRegistry,
  options: AslRuntimeOptions = {},
): Promise<AslPreparedStep> {
  const { scope, stateName } = table.address(step.stepId);
  const state = findState(machine, scope, stateName);
  const raw = table.rawInputOf(step, snapshot.execution.input);
  const context = buildContextObject(snapshot.execution, step, stateName, table, state.Type === 'Task');
  // JSONPath paths read `$name` from the Context object's bound variables (JSONata binds its own).
  const variables = !usesJsonata(state, machine) && usesVariables(machine) ? variablesBefore(table, step) : undefined;
  if (variables) bindVariables(context, variables);
  const isContainer = state.Type === 'Parallel' || state.Type === 'Map';
  const phase: AslPhase = !isContainer ? 'state' : isBubbled(step.error) ? 'bubble' : 'start';
  const jsonata: AslPreparedStep['asl']['jsonata'] = usesJsonata(state, machine)
    ? { variables: variablesBefore(table, step) }
    : undefined;
  const run = async (ctx: NodeContext): Promise<NodeResult> => {
    if (phase === 'bubble') throw new AslError(step.error!.error, step.error!.cause);
    if (phase === 'start') {
      return {
        output: jsonata
          ? await startJsonataContainer(state, raw, context, ctx.attempt, jsonata.variables)
          : startContainer(state, raw, context, ctx.attempt),
      };
    }
    const attempt = {
      state,
      raw,
      context,
      executionId: snapshot.execution.id,
      workspaceId: snapshot.execution.workspaceId,
      registry,
      ctx,
      options,
    };
    if (!jsonata) {
      const { variables: after, ...result } = await runStateAttempt(attempt);
      // Every entry of an assigning machine keeps the variables after it, assigned or not, so a
      // later state finds them one row back instead of walking the whole scope.
      prepared.asl.assigned = after ?? variables;
      return result;
    }
    try {
      const { variables, ...result } = await runJsonataState(attempt, jsonata.variables);
      jsonata.assigned = variables;
      return result;
    } catch (error) {
      // decideFailure cannot wait for JSONata: a matching catcher's Output and Assign are evaluated now.
      jsonata.caught = await evaluateCatcher(state, classifyError(error), raw, context, jsonata.variables);
      throw error;
    }
  };
  let timeoutMs: number | null = null;
  let inputError: EngineError | null = null;
  try {
    timeoutMs =
      jsonata && typeof state.TimeoutSeconds === 'string' && state.Type === 'Task'
        ? (await jsonataSeconds(
            state.TimeoutSeconds,
            { input: raw, context },
            jsonata.variables,
            'TimeoutSeconds',
            1,
          )) * 1000
        : taskTimeoutMs(state, raw, context);
  } catch (error) {
    inputError = classifyError(error);
  }
  const prepared: AslPreparedStep = {
    nodeType: aslNodeType(state, taskReplayTraits(state, registry), (_input, ctx) => run(ctx)),
    input: { data: raw, handles: {}, settings: {}, bindings: {} },
    timeoutMs,
    // Retry and Catch are decided by AslInterpreter.decideFailure, by error name.
    retry: DEFAULT_RETRY_POLICY,
    onError: 'fail',
    defaultHandles: [],
    inputError,
    asl: { phase, state, stateName, scope, raw, context, jsonata, variables },
  };
  return prepared;
}

function taskTimeoutMs(state: AslState, raw: unknown, context: AslContextObject): number | null {
  if (state.Type !== 'Task') return null;
  if (state.TimeoutSeconds !== undefined) return Number(state.TimeoutSeconds) * 1000;
  if (state.TimeoutSecondsPath === undefined) return null;
  const seconds = readPath(
    state.TimeoutSecondsPath,
    applyInputPath(state, raw, context),
    context,
    'TimeoutSecondsPath',
  );
  if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 1) {
    throw runtimeError(
      `TimeoutSecondsPath '${state.TimeoutSecondsPath}' must select a positive integer, got ${JSON.stringify(seconds)}`,
    );
  }
  return seconds * 1000;
}

function aslNodeType(
  state: AslState,
  replay: Pick<AnyNodeType, 'replaySafe' | 'deduplicatesByIdempotencyKey'>,
  run: AnyNodeType['run'],
): AnyNodeType {
  return {
    type: `asl.${state.Type}`,
    version: 1,
    title: state.Type,
    group: 'flow',
    description: `Amazon States Language ${state.Type} state`,
    inputs: [],
    outputs: [],
    settingsSchema: { type: 'object', properties: {} },
    canStart: false,
    ...replay,
    run,
  };
}
