import type { StepJob, StepRecord } from '../execution/execution-record.js';
import type { UnitOfWork } from './execution-journal.js';
import type { PreparedStep } from './workflow-interpreter.js';

/** Marks a step's attempt as running with its prepared input and journals `step_started`. */
export async function startAttempt(
  uow: UnitOfWork,
  step: StepRecord,
  job: StepJob,
  prepared: PreparedStep,
): Promise<void> {
  await uow.saveSteps([
    {
      ...step,
      status: 'running',
      queued: false,
      wakeAt: null,
      input: prepared.input.data,
      startedAt: uow.now,
      endedAt: null,
      durationMs: null,
    },
  ]);
  uow.events.push({
    type: 'step_started',
    stepId: job.stepId,
    attempt: job.attempt,
    // The saved (frozen) input: the event shares it rather than copying the payload again.
    data: { input: uow.step(job.stepId)!.input },
  });
}
