/**
 * The engine's error family. Each error carries its own retry decision (like Temporal's
 * ApplicationFailure) so nodes can say "retry me" or "don't" without the engine guessing.
 */
export abstract class EngineError extends Error {
  abstract readonly code: string;
  abstract readonly retryable: boolean;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The caller gave something unusable (bad definition, expression, setting). Never retried. */
export class InvalidInputError extends EngineError {
  readonly retryable = false;
  constructor(
    message: string,
    readonly code: string = 'INVALID_INPUT',
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** A failure that may pass on its own: network blips, 5xx, 429, lock contention. */
export class TransientError extends EngineError {
  readonly retryable = true;
  constructor(
    message: string,
    readonly code: string = 'TRANSIENT_ERROR',
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A failure that will happen again with the same input. */
export class PermanentError extends EngineError {
  readonly retryable = false;
  constructor(
    message: string,
    readonly code: string = 'PERMANENT_ERROR',
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A step ran past its timeout. Retryable: a slow dependency is often slow only once. */
export class TimeoutError extends EngineError {
  readonly retryable = true;
  constructor(
    message: string,
    readonly code: string = 'NODE_TIMEOUT',
  ) {
    super(message);
  }
}

/** The execution was cancelled while the step ran. */
export class CancelledError extends EngineError {
  readonly code = 'CANCELLED';
  readonly retryable = false;
}

/** The engine reached a state its own rules forbid: a bug in Baton, not in the workflow. */
export class InvariantViolationError extends EngineError {
  readonly code = 'INVARIANT_VIOLATION';
  readonly retryable = false;
}
