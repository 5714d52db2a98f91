import type { SerializedError } from '../../errors/serialize-error.js';

/** The error persisted on an ASL step: the ASL name and cause, plus its retriers' counters. */
export interface AslStepError extends SerializedError {
  /** Retries spent per retrier (index in the state's Retry list) within this state entry. */
  retries?: number[];
}

export function retriesOf(error: unknown): number[] {
  const retries = (error as AslStepError | null | undefined)?.retries;
  return Array.isArray(retries) ? [...retries] : [];
}

/** `$$.State.RetryCount`: retries spent so far in this state entry. */
export function retryCountOf(error: unknown): number {
  return retriesOf(error).reduce((sum, n) => sum + n, 0);
}
