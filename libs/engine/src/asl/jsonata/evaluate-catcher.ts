import type { EngineError } from '../../errors/engine.error.js';
import type { AslState } from '../definition/asl-definition.js';
import { aslErrorNameOf, matchesErrorName } from '../failures/asl-error-name.js';
import { applyAssign, resolveJsonataTemplate } from './resolve-jsonata-template.js';

/** A JSONata catcher's evaluated Output and Assign for one error (or the error evaluating them). */
export interface CaughtFailure {
  error: string;
  output?: unknown;
  variables?: Record<string, unknown>;
  failure?: { error: string; cause: string };
}

/**
 * Evaluates the Output (default: `$states.errorOutput`) and Assign of the first catcher that
 * matches the error, with `$states.errorOutput = { Error, Cause }` and the state's raw input.
 * Retry still decides first; this is only used when the failure reaches that catcher.
 */
export async function evaluateCatcher(
  state: AslState,
  error: EngineError,
  raw: unknown,
  context: unknown,
  variables: Record<string, unknown>,
): Promise<CaughtFailure | undefined> {
  const name = aslErrorNameOf(error);
  const catcher = (state.Catch ?? []).find((c) => matchesErrorName(c.ErrorEquals, name));
  if (!catcher) return undefined;
  const states = { input: raw, context, errorOutput: { Error: name, Cause: error.message } };
  try {
    const after = await applyAssign(catcher.Assign, states, variables);
    const output =
      catcher.Output === undefined
        ? states.errorOutput
        : await resolveJsonataTemplate(catcher.Output, states, variables, 'Catch.Output');
    return { error: name, output, variables: after };
  } catch (failure) {
    const evaluation = failure as EngineError;
    return { error: name, failure: { error: evaluation.code, cause: evaluation.message } };
  }
}
