import { boundedConcurrency, fanOutLimits } from '../../execution/fan-out-limits.js';
import { type AslState, mapProcessorOf } from '../definition/asl-definition.js';
import { AslError, runtimeError, STATES } from '../definition/asl.error.js';
import type { AslContextObject } from '../runtime/build-context-object.js';
import type { ContainerState } from '../runtime/container-state.js';
import { resolveJsonataTemplate } from './resolve-jsonata-template.js';

/** A JSONata Parallel (`Arguments`) or Map (`Items`, `ItemSelector`) evaluated into its branches/iterations. */
export async function startJsonataContainer(
  state: AslState,
  raw: unknown,
  context: AslContextObject,
  attempt: number,
  variables: Record<string, unknown>,
): Promise<ContainerState> {
  const base = {
    attempt,
    nextIndex: 0,
    active: [],
    failures: 0,
    toleratedFailureCount: null,
    toleratedFailurePercentage: null,
  };
  const states = { input: raw, context };
  if (state.Type === 'Parallel') {
    const input =
      state.Arguments === undefined
        ? raw
        : await resolveJsonataTemplate(state.Arguments, states, variables, 'Arguments');
    const count = state.Branches?.length ?? 0;
    return {
      ...base,
      kind: 'parallel',
      inputs: Array.from({ length: count }, () => input),
      concurrency: Math.max(1, count),
    };
  }
  const items = state.Items === undefined ? raw : await resolveJsonataTemplate(state.Items, states, variables, 'Items');
  if (!Array.isArray(items))
    throw new AslError(STATES.QueryEvaluationError, `Items must evaluate to an array, got ${JSON.stringify(items)}`);
  const inputs: unknown[] = [];
  for (const [index, value] of items.entries()) {
    const itemContext = { ...context, Map: { Item: { Index: index, Value: value } } };
    inputs.push(
      state.ItemSelector === undefined
        ? value
        : await resolveJsonataTemplate(
            state.ItemSelector,
            { input: raw, context: itemContext },
            variables,
            'ItemSelector',
          ),
    );
  }
  if (!mapProcessorOf(state)) throw runtimeError('Map state has no ItemProcessor');
  if (inputs.length > fanOutLimits().maxItems)
    throw runtimeError(
      `EXECUTION_LIMIT: the Map has ${inputs.length} items; at most ${fanOutLimits().maxItems} are allowed (BATON_MAX_ITEMS)`,
    );
  const number = async (field: 'MaxConcurrency' | 'ToleratedFailureCount' | 'ToleratedFailurePercentage') => {
    const value = await resolveJsonataTemplate(state[field], states, variables, field);
    if (value === undefined || value === null) return null;
    if (typeof value !== 'number' || value < 0)
      throw new AslError(
        STATES.QueryEvaluationError,
        `${field} must be a non-negative number, got ${JSON.stringify(value)}`,
      );
    return value;
  };
  const maxConcurrency = (await number('MaxConcurrency')) ?? 0;
  return {
    ...base,
    kind: 'map',
    inputs,
    concurrency: boundedConcurrency(maxConcurrency, inputs.length),
    toleratedFailureCount: await number('ToleratedFailureCount'),
    toleratedFailurePercentage: await number('ToleratedFailurePercentage'),
  };
}
