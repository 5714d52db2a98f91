import type { ExecutionRecord, StepJob, StepRecord } from '../execution/execution-record.js';

/** Whether a step job should run: its execution runs and the step waits at exactly this attempt. */
export function isRunnable(execution: ExecutionRecord, step: StepRecord | undefined, job: StepJob): step is StepRecord {
  if (execution.status !== 'running' || !step || step.attempt !== job.attempt) return false;
  // `running` means the worker that held this attempt died: at-least-once says run it again. A
  // running step with interpreter state (a loop or container iterating, a step parked for an
  // external answer) finished its attempt: a duplicate job must not run it again.
  return step.status === 'pending' || step.status === 'retrying' || (step.status === 'running' && step.state === null);
}

/** Whether the step's attempt `attempt` is still open (running, possibly parked) in a live execution. */
export function isWaitingAttempt(execution: ExecutionRecord, step: StepRecord | undefined, attempt: number): boolean {
  return ['running', 'paused'].includes(execution.status) && step?.status === 'running' && step.attempt === attempt;
}
