import type { AslState } from '../definition/asl-definition.js';
import { applyResultPath } from './apply-result-path.js';
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

/** ResultSelector (Task, Parallel, Map), ResultPath and OutputPath applied to a state's result. */
export function stateOutputOf(state: AslState, raw: unknown, result: unknown, context: unknown): unknown {
  const selected =
    state.ResultSelector === undefined
      ? result
      : resolvePayloadTemplate(state.ResultSelector, result, context, 'ResultSelector');
  return applyOutputPath(state, applyResultPath(raw, state.ResultPath, selected), context);
}

/** OutputPath: `$` by default; `null` gives `{}`. */
export function applyOutputPath(state: AslState, value: unknown, context: unknown): unknown {
  if (state.OutputPath === null) return {};
  return state.OutputPath === undefined ? value : readPath(state.OutputPath, value, context, 'OutputPath');
}
