import { EngineError } from '../../errors/engine.error.js';

/** Error names the States Language predefines. */
export const STATES = {
  ALL: 'States.ALL',
  TaskFailed: 'States.TaskFailed',
  Timeout: 'States.Timeout',
  HeartbeatTimeout: 'States.HeartbeatTimeout',
  Runtime: 'States.Runtime',
  ResultPathMatchFailure: 'States.ResultPathMatchFailure',
  ParameterPathFailure: 'States.ParameterPathFailure',
  IntrinsicFailure: 'States.IntrinsicFailure',
  NoChoiceMatched: 'States.NoChoiceMatched',
  BranchFailed: 'States.BranchFailed',
  ExceedToleratedFailureThreshold: 'States.ExceedToleratedFailureThreshold',
  Http: 'States.Http',
  QueryEvaluationError: 'States.QueryEvaluationError',
} as const;

/**
 * A failure with an ASL error name (`code`) and cause. Retry and Catch match on the name, never
 * on `retryable`: in ASL the state's retriers decide.
 */
export class AslError extends EngineError {
  readonly retryable = false;

  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** `States.Runtime`: a data-flow failure that no Retry or Catch may handle. */
export const runtimeError = (message: string) => new AslError(STATES.Runtime, message);
