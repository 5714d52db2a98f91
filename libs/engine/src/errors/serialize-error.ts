import type { EngineError } from './engine.error.js';

/** The persisted, JSON-safe form of a step or execution error. */
export interface SerializedError {
  /** Error name such as `NODE_TIMEOUT` (the engine error's code). */
  error: string;
  /** Readable message. */
  cause: string;
  retryable: boolean;
}

export function serializeError(error: EngineError): SerializedError {
  return { error: error.code, cause: error.message, retryable: error.retryable };
}
