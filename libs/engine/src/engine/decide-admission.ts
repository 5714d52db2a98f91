import type { AdmissionSnapshot } from '../ports/execution-store.port.js';

/** How often an execution waiting for a free concurrency slot checks again. */
export const ADMISSION_RECHECK_MS = 1000;
const MINUTE_MS = 60_000;

export type AdmissionDecision =
  { admitted: true } | { admitted: false; retryAfterMs: number; reason: 'concurrency' | 'rate' };

/**
 * Whether one more execution of a workflow may start now under its limits. A refused
 * execution stays `pending` and asks again after `retryAfterMs`: when the oldest start of the
 * last minute leaves the window (rate), or after a short poll (concurrency).
 */
export function decideAdmission(snapshot: AdmissionSnapshot, now: Date): AdmissionDecision {
  const { maxConcurrentExecutions, maxStartsPerMinute } = snapshot;
  if (maxConcurrentExecutions !== null && snapshot.running >= maxConcurrentExecutions) {
    return { admitted: false, retryAfterMs: ADMISSION_RECHECK_MS, reason: 'concurrency' };
  }
  if (maxStartsPerMinute !== null) {
    const windowStart = now.getTime() - MINUTE_MS;
    const recent = snapshot.recentStarts.filter((at) => at.getTime() > windowStart);
    if (recent.length >= maxStartsPerMinute) {
      // The start that frees a slot is the one that leaves the window first.
      const freesAt = recent[recent.length - maxStartsPerMinute].getTime() + MINUTE_MS;
      return { admitted: false, retryAfterMs: Math.max(50, freesAt - now.getTime()), reason: 'rate' };
    }
  }
  return { admitted: true };
}
