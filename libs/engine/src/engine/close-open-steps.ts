import type { SerializedError } from '../errors/serialize-error.js';
import type { StepRecord, StepStatus } from '../execution/execution-record.js';

/**
 * Marks steps that will not run any more as cancelled when an execution ends early.
 * `running` steps are included only on cancel: after a failure they may still finish in a
 * worker, and their outputs are worth keeping for a redrive.
 */
export function closeOpenSteps(
  steps: StepRecord[],
  statuses: StepStatus[],
  now: Date,
  error: SerializedError,
): StepRecord[] {
  return steps
    .filter((step) => statuses.includes(step.status))
    .map((step) => ({
      ...step,
      status: 'cancelled',
      queued: false,
      wakeAt: null,
      endedAt: now,
      error: step.status === 'pending' ? null : error,
    }));
}
