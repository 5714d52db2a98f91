import { describe, expect, it } from '@jest/globals';
import { computeRetryDelay, resolveRetryPolicy } from './retry-policy.js';

describe('retry policy', () => {
  it('layers node settings over type defaults over engine defaults', () => {
    const policy = resolveRetryPolicy({ maxAttempts: 3, initialIntervalMs: 500 }, { initialIntervalMs: 200 });
    expect(policy).toEqual({
      maxAttempts: 3,
      initialIntervalMs: 200,
      backoffRate: 2,
      maxDelayMs: 60_000,
      jitter: 'none',
    });
  });

  it('backs off exponentially and caps at maxDelayMs', () => {
    const policy = resolveRetryPolicy({ initialIntervalMs: 1000, backoffRate: 3, maxDelayMs: 5000 });
    expect([1, 2, 3].map((n) => computeRetryDelay(policy, n, () => 0.5))).toEqual([1000, 3000, 5000]);
  });

  it('applies full jitter with the injected random source', () => {
    const policy = resolveRetryPolicy({ initialIntervalMs: 1000, jitter: 'full' });
    expect(computeRetryDelay(policy, 2, () => 0.25)).toBe(500);
  });
});
