/** How a step is retried after a retryable failure (Step Functions' Retrier, per node). */
export interface RetryPolicy {
  /** Total attempts including the first; 1 means no retry. */
  maxAttempts: number;
  initialIntervalMs: number;
  backoffRate: number;
  maxDelayMs: number;
  /** `full` picks a random delay in [0, computed] to spread retry storms. */
  jitter: 'none' | 'full';
}

export type RetryPolicyInput = Partial<RetryPolicy>;

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 1,
  initialIntervalMs: 1000,
  backoffRate: 2,
  maxDelayMs: 60_000,
  jitter: 'none',
};

/** Node settings win over the node type's defaults, which win over the engine default. */
export function resolveRetryPolicy(...layers: (RetryPolicyInput | undefined)[]): RetryPolicy {
  const merged = { ...DEFAULT_RETRY_POLICY };
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer ?? {})) {
      if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
    }
  }
  return merged;
}

/**
 * Delay before the retry that follows failed attempt `failedAttempt` (1-based, counted within
 * the current run of the step). `random` is injected so tests get exact delays.
 */
export function computeRetryDelay(policy: RetryPolicy, failedAttempt: number, random: () => number): number {
  const exponential = policy.initialIntervalMs * Math.pow(policy.backoffRate, failedAttempt - 1);
  const capped = Math.min(policy.maxDelayMs, exponential);
  return Math.round(policy.jitter === 'full' ? random() * capped : capped);
}
