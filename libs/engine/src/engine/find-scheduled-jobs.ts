import type { StepRecord } from '../execution/execution-record.js';
import type { PlannedJob } from './workflow-interpreter.js';
import { externalTimerJob } from './external-wait.js';

/**
 * Jobs the journal says should exist: queued and retrying steps (due at `wakeAt`) and, for
 * recovery, steps left `running` by a dead worker. Scheduling them again is safe because job ids
 * are deterministic.
 */
export function findScheduledJobs(steps: StepRecord[], now: Date, includeRunning: boolean): PlannedJob[] {
  // Steps parked for an external answer keep their timeout/heartbeat timer (same id: a no-op when it exists).
  const timers = steps.flatMap((step) =>
    step.status === 'running' ? [externalTimerJob(step, now)].filter((job): job is PlannedJob => job !== null) : [],
  );
  return [
    ...timers,
    ...steps
      .filter(
        (step) =>
          (step.status === 'pending' && step.queued) ||
          step.status === 'retrying' ||
          // A running step with interpreter state is an iterating loop: no job of its own.
          (includeRunning && step.status === 'running' && step.state === null),
      )
      .map((step) => ({
        stepId: step.stepId,
        attempt: step.attempt,
        delayMs: step.wakeAt ? Math.max(0, step.wakeAt.getTime() - now.getTime()) : 0,
      })),
  ];
}
