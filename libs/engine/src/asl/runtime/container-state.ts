import type { StepRecord } from '../../execution/execution-record.js';

/**
 * Progress of a running Parallel or Map step, kept in its `state` while branches or iterations
 * run (the step stays `running` without a job, like a graph loop).
 */
export interface ContainerState {
  kind: 'parallel' | 'map';
  /** The container attempt that started these branches/iterations: part of their scopes. */
  attempt: number;
  /**
   * Input of each branch (Parallel: the same effective input) or iteration (Map: the selected
   * item), as an attempt evaluates them; a running container keeps them in its step's `items`
   * (rows written before 2026-12-06 kept them here).
   */
  inputs?: unknown[];
  concurrency: number;
  /** Map: failures tolerated before the Map fails; null = none tolerated. */
  toleratedFailureCount: number | null;
  toleratedFailurePercentage: number | null;
  nextIndex: number;
  active: number[];
  /** Indices to run again before `nextIndex` goes on (a redrive's unsuccessful iterations). */
  rerun?: number[];
  /**
   * Rows written before 2026-12-06 kept every result here, rewritten on each iteration (so a Map
   * cost O(items) per iteration). Results are now read from the branches' last rows when the
   * container completes; this is ignored.
   */
  results?: unknown[];
  failures: number;
}

/** A container's branch/iteration inputs: its `items`, or where older rows kept them. */
export function containerItemsOf(step: StepRecord | undefined): unknown[] {
  return step?.items ?? containerStateOf(step)?.inputs ?? [];
}

/** The container step once an attempt evaluated its branches: inputs in `items`, progress in `state`. */
export function withContainer(step: StepRecord, evaluated: ContainerState): StepRecord {
  const { inputs, ...progress } = evaluated;
  return { ...step, items: inputs ?? [], state: { container: progress } };
}

export function containerStateOf(step: StepRecord | undefined): ContainerState | null {
  const state = step?.state as { container?: ContainerState } | null | undefined;
  return state?.container ?? null;
}

/** The failure a container step carries to its own Retry/Catch in a job of its own. */
export interface BubbledError {
  error: string;
  cause: string;
  retryable: false;
  bubbled: true;
  retries?: number[];
}

export function isBubbled(error: unknown): error is BubbledError {
  return typeof error === 'object' && error !== null && (error as { bubbled?: unknown }).bubbled === true;
}
