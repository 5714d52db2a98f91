import type { FailureDecision } from '../../engine/workflow-interpreter.js';
import type { EngineError } from '../../errors/engine.error.js';
import type { AslRetrier, AslState } from '../definition/asl-definition.js';
import { AslError } from '../definition/asl.error.js';
import { applyResultPath } from '../data-flow/apply-result-path.js';
import { assignVariables } from '../data-flow/assign-variables.js';
import { aslErrorNameOf, matchesErrorName } from './asl-error-name.js';
import { type AslStepError, retriesOf } from './asl-step-error.js';
import type { CaughtFailure } from '../jsonata/evaluate-catcher.js';

export interface AslFailure {
  state: AslState;
  error: EngineError;
  /** The step's error row before this failure: carries the retriers' counters of this entry. */
  previousError: unknown;
  /** The state's raw input: a catcher's ResultPath applies to it. */
  rawInput: unknown;
  /** The state's Context object (with its bound variables): a JSONPath catcher's Assign reads it. */
  context?: unknown;
  /** Top-level states fail the execution; states inside a branch fail their branch. */
  topLevel: boolean;
  random: () => number;
  /** JSONata states: the catcher's Output/Assign, evaluated by the attempt (undefined: not evaluated, e.g. a timeout). */
  jsonata?: { caught?: CaughtFailure };
}

/**
 * Retry and Catch as the spec defines them: the first retrier whose ErrorEquals matches decides;
 * while its own counter is below MaxAttempts the state is retried after IntervalSeconds x
 * BackoffRate^count (capped by MaxDelaySeconds, FULL jitter scales it randomly). Otherwise the
 * first matching catcher sends `{ Error, Cause }` through its ResultPath to its Next.
 */
export function decideAslFailure(failure: AslFailure): FailureDecision {
  const { state, error } = failure;
  const name = aslErrorNameOf(error);
  const cause = error.message;
  const retries = retriesOf(failure.previousError);
  const record = (counts: number[]): AslStepError => ({
    error: name,
    cause,
    retryable: false,
    ...(counts.length ? { retries: counts } : {}),
  });
  const retrierIndex = (state.Retry ?? []).findIndex((r) => matchesErrorName(r.ErrorEquals, name));
  if (retrierIndex >= 0) {
    const retrier = state.Retry![retrierIndex];
    const used = retries[retrierIndex] ?? 0;
    if (used < (retrier.MaxAttempts ?? 3)) {
      const counts = [...retries];
      for (let i = 0; i <= retrierIndex; i++) counts[i] ??= 0;
      counts[retrierIndex] = used + 1;
      return { kind: 'retry', delayMs: retryDelayMs(retrier, used, failure.random), error: record(counts) };
    }
  }
  const catcher = (state.Catch ?? []).find((c) => matchesErrorName(c.ErrorEquals, name));
  if (catcher && failure.jsonata) {
    const caught = failure.jsonata.caught?.error === name ? failure.jsonata.caught : undefined;
    if (caught?.failure)
      return {
        kind: 'failed',
        error: { ...caught.failure, retryable: false },
        failExecution: failure.topLevel ? new AslError(caught.failure.error, caught.failure.cause) : null,
      };
    // Without an evaluated catcher (an engine timeout) the output is the error output and the variables stay.
    const output = caught ? caught.output : { Error: name, Cause: cause };
    const error = caught?.variables ? { ...record(retries), vars: caught.variables } : record(retries);
    return { kind: 'handled', output, handles: [catcher.Next], error };
  }
  if (catcher) {
    try {
      const errorOutput = { Error: name, Cause: cause };
      // The catcher's Assign reads the error output as `$`.
      const vars = assignVariables(catcher.Assign, errorOutput, failure.context);
      const output = applyResultPath(
        failure.rawInput,
        catcher.ResultPath === undefined ? '$' : catcher.ResultPath,
        errorOutput,
      );
      const error = vars ? { ...record(retries), vars } : record(retries);
      return { kind: 'handled', output, handles: [catcher.Next], error };
    } catch (resultPathError) {
      const failed = resultPathError as AslError;
      return {
        kind: 'failed',
        error: { error: failed.code, cause: failed.message, retryable: false },
        failExecution: failure.topLevel ? failed : null,
      };
    }
  }
  return { kind: 'failed', error: record(retries), failExecution: failure.topLevel ? new AslError(name, cause) : null };
}

/** Delay before retry number `used + 1` of a retrier. */
export function retryDelayMs(retrier: AslRetrier, used: number, random: () => number): number {
  const interval = (retrier.IntervalSeconds ?? 1) * 1000;
  let delay = interval * Math.pow(retrier.BackoffRate ?? 2, used);
  if (retrier.MaxDelaySeconds !== undefined) delay = Math.min(delay, retrier.MaxDelaySeconds * 1000);
  if (retrier.JitterStrategy === 'FULL') delay = random() * delay;
  return Math.round(delay);
}
