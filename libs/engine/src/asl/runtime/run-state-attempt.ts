import type { NodeRegistry } from '../../nodes/node-registry.js';
import type { NodeContext, NodeResult } from '../../nodes/node-type.js';
import type { AslState } from '../definition/asl-definition.js';
import { AslError, STATES } from '../definition/asl.error.js';
import { evaluateChoiceRule } from '../choice/evaluate-choice-rule.js';
import { applyResultPath } from '../data-flow/apply-result-path.js';
import { applyInputPath, applyOutputPath, effectiveInputOf, stateOutputOf } from '../data-flow/process-state-data.js';
import { readPath } from '../data-flow/read-path.js';
import { resolvePayloadTemplate } from '../data-flow/resolve-payload-template.js';
import { evaluateIntrinsic } from '../intrinsics/evaluate-intrinsic.js';
import { looksLikeIntrinsic } from '../intrinsics/parse-intrinsic.js';
import { BATON_RESOURCE_PREFIX, runBatonNode } from '../resources/run-baton-node.js';
import { HTTP_INVOKE_RESOURCE, runHttpInvoke } from '../resources/run-http-invoke.js';
import type { AslContextObject } from './build-context-object.js';
import { computeWaitDelayMs } from './compute-wait-delay.js';

export interface StateAttempt {
  state: AslState;
  raw: unknown;
  context: AslContextObject;
  executionId: string;
  registry: NodeRegistry;
  ctx: NodeContext;
}

/** The transition a settled state takes: its `Next`, or none when it ends its (sub-)machine. */
const transition = (state: AslState): string[] => (state.Next !== undefined ? [state.Next] : []);

/**
 * One attempt of a Pass, Task, Choice, Wait, Succeed or Fail state: the whole JSONPath data flow
 * of the state, so a failure anywhere in it meets the state's Retry and Catch.
 */
export async function runStateAttempt(attempt: StateAttempt): Promise<NodeResult> {
  const { state, raw, context } = attempt;
  switch (state.Type) {
    case 'Pass': {
      const effective = effectiveInputOf(state, raw, context);
      const result = state.Result !== undefined ? state.Result : effective;
      // Pass has no ResultSelector: its Result (or effective input) goes straight to ResultPath.
      return { output: applyOutputPath(state, applyResultPath(raw, state.ResultPath, result), context), handle: transition(state) };
    }
    case 'Task': {
      const result = await runTask(attempt);
      return { output: stateOutputOf(state, raw, result, context), handle: transition(state) };
    }
    case 'Choice': {
      const effective = applyInputPath(state, raw, context);
      const rule = (state.Choices ?? []).find((r) => evaluateChoiceRule(r, effective, context));
      const next = rule?.Next ?? state.Default;
      if (next === undefined) throw new AslError(STATES.NoChoiceMatched, `No Choice rule matched and there is no Default in state "${context.State.Name}"`);
      return { output: applyOutputPath(state, effective, context), handle: [next] };
    }
    case 'Wait': {
      const effective = applyInputPath(state, raw, context);
      // The delay itself was served before this attempt was due; evaluating it again surfaces bad paths.
      computeWaitDelayMs(state, effective, context, new Date(0));
      return { output: applyOutputPath(state, effective, context), handle: transition(state) };
    }
    case 'Succeed':
      return { output: applyOutputPath(state, applyInputPath(state, raw, context), context), handle: [] };
    case 'Fail':
      throw new AslError(failField(state.Error, state.ErrorPath, raw, context) ?? '', failField(state.Cause, state.CausePath, raw, context) ?? '');
    default:
      throw new AslError(STATES.Runtime, `State type ${state.Type} does not run as a single attempt`);
  }
}

async function runTask(attempt: StateAttempt): Promise<unknown> {
  const { state, raw, context, registry, ctx } = attempt;
  const resource = state.Resource ?? '';
  const selected = applyInputPath(state, raw, context);
  const effective = state.Parameters === undefined ? selected : resolvePayloadTemplate(state.Parameters, selected, context, 'Parameters');
  if (resource.startsWith(BATON_RESOURCE_PREFIX)) {
    const settings = state.Parameters === undefined ? {} : (effective as Record<string, unknown>);
    const bindings = { execution: { id: attempt.executionId, input: context.Execution.Input }, context };
    return runBatonNode(registry, { resource, data: selected, settings, bindings, ctx });
  }
  if (resource === HTTP_INVOKE_RESOURCE) return runHttpInvoke(effective, ctx);
  throw new AslError(STATES.Runtime, `Resource "${resource}" is not supported (yet): use baton:<node type> or ${HTTP_INVOKE_RESOURCE}`);
}

function failField(value: string | undefined, path: string | undefined, raw: unknown, context: unknown): string | undefined {
  if (value !== undefined) return value;
  if (path === undefined) return undefined;
  const resolved = looksLikeIntrinsic(path) ? evaluateIntrinsic(path, raw, context) : readPath(path, raw, context, 'ErrorPath/CausePath');
  return typeof resolved === 'string' ? resolved : JSON.stringify(resolved);
}
