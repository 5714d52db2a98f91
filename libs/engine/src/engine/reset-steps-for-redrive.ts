import type { StepRecord } from '../execution/execution-record.js';
import { externalWaitOf } from './external-wait.js';

/**
 * Steps a redrive runs again: unhandled failures, cancelled steps and steps left running by a
 * failure. Completed, skipped and handled-failure steps keep their outputs. The attempt number
 * keeps counting (job ids and idempotency keys stay unique) while the retry budget restarts.
 */
export function resetStepsForRedrive(steps: StepRecord[]): StepRecord[] {
  return steps
    .filter(
      (step) =>
        (step.status === 'failed' && step.handles === null) ||
        step.status === 'cancelled' ||
        // A running step with interpreter state is an iterating loop, running by design: its
        // body steps are what gets redriven.
        (step.status === 'running' && (step.state === null || externalWaitOf(step) !== null)),
    )
    .map((step) => ({
      ...step,
      status: 'pending',
      attemptOffset: step.attempt,
      queued: false,
      wakeAt: null,
      error: null,
      output: null,
      startedAt: null,
      endedAt: null,
      durationMs: null,
      // A step parked for an external answer asks again with a fresh token.
      state: externalWaitOf(step) ? null : step.state,
    }));
}
