/**
 * Bounds on how wide one step may fan out, set once per process at start-up. Without them a Map
 * without MaxConcurrency starts every item at once and a loop may be told to run a million
 * iterations in parallel: one execution could take every worker.
 */
export interface FanOutLimits {
  /** Most iterations a Map or loop runs at once (`BATON_MAX_STEP_CONCURRENCY`). */
  maxStepConcurrency: number;
  /** Most items a Map or loop accepts (`BATON_MAX_ITEMS`). */
  maxItems: number;
  /**
   * Most events one execution's history may hold (`BATON_MAX_EXECUTION_EVENTS`, 25,000 like Step
   * Functions): a Pass→Choice→Pass loop has no other bound on its transitions.
   */
  maxExecutionEvents: number;
}

export const DEFAULT_FAN_OUT_LIMITS: Readonly<FanOutLimits> = Object.freeze({
  maxStepConcurrency: 40,
  maxItems: 10_000,
  maxExecutionEvents: 25_000,
});

let current: FanOutLimits = { ...DEFAULT_FAN_OUT_LIMITS };

export function configureFanOutLimits(limits: Partial<FanOutLimits>): void {
  current = { ...current, ...limits };
}

export function fanOutLimits(): Readonly<FanOutLimits> {
  return current;
}

/** The concurrency to use for `requested` (0 or less: "as many as possible"), within the limit. */
export function boundedConcurrency(requested: number, items: number): number {
  const wanted = requested > 0 ? requested : Math.max(1, items);
  return Math.max(1, Math.min(wanted, current.maxStepConcurrency));
}
