import { boundedConcurrency, fanOutLimits } from '../../execution/fan-out-limits.js';
import { type AslState, mapProcessorOf } from '../definition/asl-definition.js';
import { runtimeError } from '../definition/asl.error.js';
import { applyInputPath, effectiveInputOf } from '../data-flow/process-state-data.js';
import { extendContext } from '../data-flow/path-variables.js';
import { readPath } from '../data-flow/read-path.js';
import { resolvePayloadTemplate } from '../data-flow/resolve-payload-template.js';
import type { AslContextObject } from './build-context-object.js';
import type { ContainerState } from './container-state.js';

/** Evaluates a Parallel or Map state's input into the branches/iterations it will run. */
export function startContainer(
  state: AslState,
  raw: unknown,
  context: AslContextObject,
  attempt: number,
): ContainerState {
  const base = {
    attempt,
    nextIndex: 0,
    active: [],
    failures: 0,
    toleratedFailureCount: null,
    toleratedFailurePercentage: null,
  };
  if (state.Type === 'Parallel') {
    const input = effectiveInputOf(state, raw, context);
    const count = state.Branches?.length ?? 0;
    return {
      ...base,
      kind: 'parallel',
      inputs: Array.from({ length: count }, () => input),
      concurrency: Math.max(1, count),
    };
  }
  const effective = applyInputPath(state, raw, context);
  const items = state.ItemsPath === undefined ? effective : readPath(state.ItemsPath, effective, context, 'ItemsPath');
  if (!Array.isArray(items))
    throw runtimeError(`ItemsPath '${state.ItemsPath ?? '$'}' must select an array, got ${JSON.stringify(items)}`);
  if (items.length > fanOutLimits().maxItems)
    throw runtimeError(
      `EXECUTION_LIMIT: the Map has ${items.length} items; at most ${fanOutLimits().maxItems} are allowed (BATON_MAX_ITEMS)`,
    );
  const selector = state.ItemSelector ?? state.Parameters;
  const inputs = items.map((value, index) =>
    selector === undefined
      ? value
      : resolvePayloadTemplate(
          selector,
          effective,
          extendContext(context, { Map: { Item: { Index: index, Value: value } } }),
          'ItemSelector',
        ),
  );
  const maxConcurrency = numberField(state, 'MaxConcurrency', effective, context) ?? 0;
  if (!mapProcessorOf(state)) throw runtimeError('Map state has no ItemProcessor');
  return {
    ...base,
    kind: 'map',
    inputs,
    // 0 means "as many as possible", within BATON_MAX_STEP_CONCURRENCY.
    concurrency: boundedConcurrency(maxConcurrency, inputs.length),
    toleratedFailureCount: numberField(state, 'ToleratedFailureCount', effective, context),
    toleratedFailurePercentage: numberField(state, 'ToleratedFailurePercentage', effective, context),
  };
}

type NumberField = 'MaxConcurrency' | 'ToleratedFailureCount' | 'ToleratedFailurePercentage';

function numberField(state: AslState, field: NumberField, effective: unknown, context: unknown): number | null {
  const pathField = `${field}Path` as const;
  const value =
    state[pathField] !== undefined ? readPath(state[pathField]!, effective, context, pathField) : state[field];
  if (value === undefined) return null;
  if (typeof value !== 'number' || value < 0)
    throw runtimeError(`${field} must be a non-negative number, got ${JSON.stringify(value)}`);
  return value;
}
