import type { NodeRegistry } from '../../nodes/node-registry.js';
import type { NodeContext, NodeResult } from '../../nodes/node-type.js';
import type { AslState } from '../definition/asl-definition.js';
import { AslError, STATES } from '../definition/asl.error.js';
import { evaluateChoiceRule } from '../choice/evaluate-choice-rule.js';
import { applyResultPath } from '../data-flow/apply-result-path.js';
import { assignVariables } from '../data-flow/assign-variables.js';
import { extendContext, type WorkflowVariables } from '../data-flow/path-variables.js';
import { applyInputPath, applyOutputPath, effectiveInputOf, stateOutcomeOf } from '../data-flow/process-state-data.js';
import { readPath } from '../data-flow/read-path.js';
import { resolvePayloadTemplate } from '../data-flow/resolve-payload-template.js';
import { evaluateIntrinsic } from '../intrinsics/evaluate-intrinsic.js';
import { looksLikeIntrinsic } from '../intrinsics/parse-intrinsic.js';
import { ExternalWaitRequest } from '../../engine/external-wait.js';
import type { TaskTokenStore } from '../../ports/task-token-store.port.js';
import { parksForToken, parseTaskResource, type TaskResource } from '../resources/parse-task-resource.js';
import { runBatonNode } from '../resources/run-baton-node.js';
import { runHttpInvoke } from '../resources/run-http-invoke.js';
import { invokeLambda, lambdaInvokeParameters } from '../resources/run-lambda-invoke.js';
import { runStartExecution } from '../resources/run-start-execution.js';
import type { AslContextObject } from './build-context-object.js';
import { computeWaitDelayMs } from './compute-wait-delay.js';
import { hashTaskToken, newTaskToken } from './task-token.js';

/** What the composition root gives the ASL runtime: where Lambda lives, where task tokens go. */
export interface AslRuntimeOptions {
  /** Base URL of a Lambda-compatible Invoke API (`BATON_LAMBDA_ENDPOINT`). */
  lambdaEndpoint?: string | null;
  /** Needed by `.waitForTaskToken` and activity tasks. */
  taskTokens?: TaskTokenStore;
}

export interface StateAttempt {
  state: AslState;
  raw: unknown;
  context: AslContextObject;
  executionId: string;
  workspaceId: string;
  registry: NodeRegistry;
  ctx: NodeContext;
  options: AslRuntimeOptions;
}

/** An attempt's result and, when the state assigns, the workflow variables after it. */
export interface StateAttemptResult extends NodeResult {
  variables?: WorkflowVariables;
}

/** The transition a settled state takes: its `Next`, or none when it ends its (sub-)machine. */
const transition = (state: AslState): string[] => (state.Next !== undefined ? [state.Next] : []);

/**
 * One attempt of a Pass, Task, Choice, Wait, Succeed or Fail state: the whole JSONPath data flow
 * of the state, so a failure anywhere in it meets the state's Retry and Catch.
 */
export async function runStateAttempt(attempt: StateAttempt): Promise<StateAttemptResult> {
  const { state, raw, context } = attempt;
  // Assign reads `$` as the spec gives it per state type, with the variables from the state's entry.
  switch (state.Type) {
    case 'Pass': {
      const effective = effectiveInputOf(state, raw, context);
      const result = state.Result !== undefined ? state.Result : effective;
      // Pass has no ResultSelector: its Result (or effective input) goes straight to ResultPath.
      return {
        output: applyOutputPath(state, applyResultPath(raw, state.ResultPath, result), context),
        handle: transition(state),
        variables: assignVariables(state.Assign, result, context),
      };
    }
    case 'Task': {
      const result = await runTask(attempt);
      // Parked: the answer to the task token becomes the result later (AslInterpreter.externalResult).
      if (result instanceof ExternalWaitRequest) return { output: result };
      return { ...stateOutcomeOf(state, raw, result, context), handle: transition(state) };
    }
    case 'Choice': {
      const effective = applyInputPath(state, raw, context);
      const rule = (state.Choices ?? []).find((r) => evaluateChoiceRule(r, effective, context));
      const next = rule?.Next ?? state.Default;
      if (next === undefined)
        throw new AslError(
          STATES.NoChoiceMatched,
          `No Choice rule matched and there is no Default in state "${context.State.Name}"`,
        );
      return {
        output: applyOutputPath(state, effective, context),
        handle: [next],
        variables: assignVariables(rule?.Assign ?? state.Assign, effective, context),
      };
    }
    case 'Wait': {
      const effective = applyInputPath(state, raw, context);
      // The delay itself was served before this attempt was due; evaluating it again surfaces bad paths.
      computeWaitDelayMs(state, effective, context, new Date(0));
      return {
        output: applyOutputPath(state, effective, context),
        handle: transition(state),
        variables: assignVariables(state.Assign, effective, context),
      };
    }
    case 'Succeed':
      return { output: applyOutputPath(state, applyInputPath(state, raw, context), context), handle: [] };
    case 'Fail':
      throw new AslError(
        failField(state.Error, state.ErrorPath, raw, context) ?? '',
        failField(state.Cause, state.CausePath, raw, context) ?? '',
      );
    default:
      throw new AslError(STATES.Runtime, `State type ${state.Type} does not run as a single attempt`);
  }
}

/** The Task's input as its query language evaluates it, once `$$.Task.Token` is known. */
export type TaskInputOf = (
  context: AslContextObject,
) => Promise<{ selected: unknown; effective: unknown; hasArguments: boolean; heartbeatMs?: number | null }>;

// JSONPath: InputPath then Parameters.
const jsonPathTaskInput =
  (state: AslState, raw: unknown): TaskInputOf =>
  async (context) => {
    const selected = applyInputPath(state, raw, context);
    const effective =
      state.Parameters === undefined
        ? selected
        : resolvePayloadTemplate(state.Parameters, selected, context, 'Parameters');
    return { selected, effective, hasArguments: state.Parameters !== undefined };
  };

export async function runTask(
  attempt: StateAttempt,
  inputOf: TaskInputOf = jsonPathTaskInput(attempt.state, attempt.raw),
): Promise<unknown> {
  const { state, registry, ctx, options } = attempt;
  const resource = parseTaskResource(state.Resource ?? '');
  if (!resource) throw new AslError(STATES.Runtime, `Resource "${state.Resource ?? ''}" is not supported`);
  const parks = parksForToken(resource);
  const token = parks ? newTaskToken() : null;
  // `$$.Task.Token` is this attempt's own token: the resource (or activity worker) answers with it.
  const context: AslContextObject = token
    ? extendContext(attempt.context, { Task: { Token: token } })
    : attempt.context;
  const { selected, effective, hasArguments, heartbeatMs: givenHeartbeatMs } = await inputOf(context);
  let heartbeatMs: number | null = null;
  if (token) {
    if (!options.taskTokens) throw new AslError(STATES.Runtime, 'Callback and activity tasks need a task token store');
    heartbeatMs = givenHeartbeatMs !== undefined ? givenHeartbeatMs : heartbeatMsOf(state, selected, context);
    // Recorded before it is handed out, so an answer can never arrive for an unknown token.
    await options.taskTokens.register({
      tokenHash: hashTaskToken(token),
      token: resource.kind === 'activity' ? token : null,
      workspaceId: attempt.workspaceId,
      executionId: attempt.executionId,
      stepId: ctx.stepId,
      attempt: ctx.attempt,
      activity: resource.kind === 'activity' ? resource.activity : null,
      input: resource.kind === 'activity' ? effective : null,
      createdAt: new Date(),
    });
  }
  const result = await callResource(
    attempt,
    resource,
    context,
    selected,
    hasArguments ? effective : undefined,
    effective,
  );
  return token ? new ExternalWaitRequest(hashTaskToken(token), heartbeatMs) : result;
}

async function callResource(
  attempt: StateAttempt,
  resource: TaskResource,
  context: AslContextObject,
  selected: unknown,
  argumentsValue: unknown,
  effective: unknown,
): Promise<unknown> {
  const { registry, ctx, options } = attempt;
  switch (resource.kind) {
    case 'baton': {
      const settings = (argumentsValue ?? {}) as Record<string, unknown>;
      const bindings = { execution: { id: attempt.executionId, input: context.Execution.Input }, context };
      return runBatonNode(registry, { resource: resource.resource, data: selected, settings, bindings, ctx });
    }
    case 'http':
      return runHttpInvoke(effective, ctx);
    case 'lambda-function': {
      // The plain function ARN: the effective input is the event, the function's answer the result.
      const call = {
        functionName: resource.functionName,
        qualifier: resource.qualifier,
        payload: effective,
        invocationType: 'RequestResponse' as const,
      };
      return (await invokeLambda(options.lambdaEndpoint ?? null, call, ctx)).payload;
    }
    case 'lambda-invoke': {
      const answer = await invokeLambda(options.lambdaEndpoint ?? null, lambdaInvokeParameters(effective), ctx);
      return {
        ExecutedVersion: answer.headers['x-amz-executed-version'] ?? '$LATEST',
        Payload: answer.payload,
        SdkHttpMetadata: { HttpHeaders: answer.headers, HttpStatusCode: answer.statusCode },
        SdkResponseMetadata: { RequestId: answer.headers['x-amzn-requestid'] ?? ctx.idempotencyKey },
        StatusCode: answer.statusCode,
      };
    }
    case 'activity':
      // Nothing to call: a worker polls the activity for the registered task.
      return null;
    case 'start-execution':
      return runStartExecution(resource, effective, context, ctx);
  }
}

function heartbeatMsOf(state: AslState, effective: unknown, context: AslContextObject): number | null {
  if (state.HeartbeatSeconds !== undefined) return Number(state.HeartbeatSeconds) * 1000;
  if (state.HeartbeatSecondsPath === undefined) return null;
  const seconds = readPath(state.HeartbeatSecondsPath, effective, context, 'HeartbeatSecondsPath');
  if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 1) {
    throw new AslError(
      STATES.Runtime,
      `HeartbeatSecondsPath '${state.HeartbeatSecondsPath}' must select a positive integer, got ${JSON.stringify(seconds)}`,
    );
  }
  return seconds * 1000;
}

function failField(
  value: string | undefined,
  path: string | undefined,
  raw: unknown,
  context: unknown,
): string | undefined {
  if (value !== undefined) return value;
  if (path === undefined) return undefined;
  const resolved = looksLikeIntrinsic(path)
    ? evaluateIntrinsic(path, raw, context)
    : readPath(path, raw, context, 'ErrorPath/CausePath');
  return typeof resolved === 'string' ? resolved : JSON.stringify(resolved);
}
