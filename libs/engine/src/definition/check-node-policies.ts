import type { GraphNodeData, NodeErrorMode } from './graph-definition.js';

export interface NodePolicyProblem {
  /** Path below the node's `data`, e.g. `retry.maxAttempts`. */
  key: string;
  message: string;
}

const ERROR_MODES: readonly NodeErrorMode[] = ['fail', 'continue', 'error-handle'];
const ONE_DAY_MS = 24 * 3600 * 1000;

/** Bounds of each numeric retry field: a typo must fail at save time, not at 3 a.m. mid-run. */
const RETRY_BOUNDS: Record<string, { min: number; max: number; integer: boolean }> = {
  maxAttempts: { min: 1, max: 100, integer: true },
  initialIntervalMs: { min: 0, max: ONE_DAY_MS, integer: true },
  backoffRate: { min: 1, max: 100, integer: false },
  maxDelayMs: { min: 0, max: 7 * ONE_DAY_MS, integer: true },
};

/**
 * Checks the engine policies a node carries beside its settings (`retry`, `timeoutMs`,
 * `onError`); the node type's own settings are checked by `checkSettings`.
 */
export function checkNodePolicies(data: GraphNodeData): NodePolicyProblem[] {
  const problems: NodePolicyProblem[] = [];
  if (data.timeoutMs !== undefined && !isIntegerIn(data.timeoutMs, 1, 31 * ONE_DAY_MS)) {
    problems.push({
      key: 'timeoutMs',
      message: `must be an integer number of milliseconds between 1 and ${31 * ONE_DAY_MS}`,
    });
  }
  if (data.onError !== undefined && !ERROR_MODES.includes(data.onError)) {
    problems.push({ key: 'onError', message: `must be one of ${ERROR_MODES.join(', ')}` });
  }
  if (data.retry !== undefined) problems.push(...checkRetry(data.retry));
  return problems;
}

function checkRetry(retry: unknown): NodePolicyProblem[] {
  if (!retry || typeof retry !== 'object' || Array.isArray(retry))
    return [{ key: 'retry', message: 'must be an object' }];
  const problems: NodePolicyProblem[] = [];
  for (const [field, value] of Object.entries(retry)) {
    const bounds = RETRY_BOUNDS[field];
    if (field === 'jitter') {
      if (value !== 'none' && value !== 'full')
        problems.push({ key: 'retry.jitter', message: 'must be "none" or "full"' });
    } else if (!bounds) {
      problems.push({
        key: `retry.${field}`,
        message: `unknown retry field (allowed: ${[...Object.keys(RETRY_BOUNDS), 'jitter'].join(', ')})`,
      });
    } else if (
      !(bounds.integer ? isIntegerIn(value, bounds.min, bounds.max) : isNumberIn(value, bounds.min, bounds.max))
    ) {
      problems.push({
        key: `retry.${field}`,
        message: `must be ${bounds.integer ? 'an integer' : 'a number'} between ${bounds.min} and ${bounds.max}`,
      });
    }
  }
  return problems;
}

const isNumberIn = (value: unknown, min: number, max: number): boolean =>
  typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;

const isIntegerIn = (value: unknown, min: number, max: number): boolean =>
  isNumberIn(value, min, max) && Number.isInteger(value);
