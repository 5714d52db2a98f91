import type { AslState } from '../definition/asl-definition.js';
import { applyResultPath } from './apply-result-path.js';
import { assignVariables } from './assign-variables.js';
import type { WorkflowVariables } from './path-variables.js';
import { readPath } from './read-path.js';
import { resolvePayloadTemplate } from './resolve-payload-template.js';

// The JSONPath data flow of the spec:
//   raw input -> InputPath -> Parameters -> (work) -> ResultSelector -> ResultPath (onto raw input) -> OutputPath

/** InputPath: `$` by default; `null` gives `{}`. */
export function applyInputPath(state: AslState, raw: unknown, context: unknown): unknown {
  if (state.InputPath === null) return {};
  return state.InputPath === undefined ? raw : readPath(state.InputPath, raw, context, 'InputPath');
}

/** InputPath, then Parameters: what the state works on. */
export function effectiveInputOf(state: AslState, raw: unknown, context: unknown): unknown {
  const selected = applyInputPath(state, raw, context);
  return state.Parameters === undefined
    ? selected
    : resolvePayloadTemplate(state.Parameters, selected, context, 'Parameters');
}

/** ResultSelector (Task, Parallel, Map): the effective result, which is also `$` in the state's Assign. */
export function effectiveResultOf(state: AslState, result: unknown, context: unknown): unknown {
  return state.ResultSelector === undefined
    ? result
    : resolvePayloadTemplate(state.ResultSelector, result, context, 'ResultSelector');
}

/** ResultPath and OutputPath applied to a state's effective result. */
export function outputOfEffectiveResult(state: AslState, raw: unknown, selected: unknown, context: unknown): unknown {
  return applyOutputPath(state, applyResultPath(raw, state.ResultPath, selected), context);
}

/** ResultSelector (Task, Parallel, Map), ResultPath and OutputPath applied to a state's result. */
export function stateOutputOf(state: AslState, raw: unknown, result: unknown, context: unknown): unknown {
  return outputOfEffectiveResult(state, raw, effectiveResultOf(state, result, context), context);
}

/** A Task, Parallel or Map state's output and (JSONPath `Assign`) the variables after it. */
export function stateOutcomeOf(
  state: AslState,
  raw: unknown,
  result: unknown,
  context: unknown,
): { output: unknown; variables?: WorkflowVariables } {
  const selected = effectiveResultOf(state, result, context);
  const variables = assignVariables(state.Assign, selected, context);
  return { output: outputOfEffectiveResult(state, raw, selected, context), variables };
}

/** OutputPath: `$` by default; `null` gives `{}`. */
export function applyOutputPath(state: AslState, value: unknown, context: unknown): unknown {
  if (state.OutputPath === null) return {};
  return state.OutputPath === undefined ? value : readPath(state.OutputPath, value, context, 'OutputPath');
}
