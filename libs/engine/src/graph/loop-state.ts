import type { StepRecord } from '../execution/execution-record.js';

/** Progress of a `flow.loop` step, kept in its `state` while it iterates. */
export interface LoopState {
  items: unknown[];
  concurrency: number;
  /** Next item index to start. */
  nextIndex: number;
  /** Indexes of iterations whose body is still running. */
  active: number[];
  /**
   * Rows written before results were read from the iterations at completion kept them here,
   * rewritten on every iteration; ignored now (the loop's output is read from its iterations).
   */
  results?: unknown[];
}

export function loopStateOf(step: StepRecord | undefined): LoopState | null {
  const state = step?.state as { loop?: LoopState } | null | undefined;
  return state?.loop ?? null;
}
