import { CancelledError, type EngineError } from '../errors/engine.error.js';
import { serializeError } from '../errors/serialize-error.js';
import type { StepRecord } from '../execution/execution-record.js';
import { computeRetryDelay } from '../execution/retry-policy.js';
import type { UnitOfWork } from './execution-journal.js';
import type { FailureDecision, PreparedStep } from './workflow-interpreter.js';

/**
 * The failure decision of interpreters without their own (the graph): retry while the step's
 * policy allows and the error is retryable, then the node's `onError` (`continue` follows the
 * normal handles with `{ error, cause }` as output, `error-handle` follows `error`). A cancelled
 * attempt always fails.
 */
export function decideDefaultFailure(
  step: StepRecord,
  prepared: PreparedStep,
  error: EngineError,
  random: () => number,
): FailureDecision {
  const serialized = serializeError(error);
  const cancelled = error instanceof CancelledError;
  const attemptsUsed = step.attempt - step.attemptOffset;
  if (error.retryable && !cancelled && attemptsUsed < prepared.retry.maxAttempts)
    return { kind: 'retry', delayMs: computeRetryDelay(prepared.retry, attemptsUsed, random), error: serialized };
  const mode = cancelled ? 'fail' : prepared.onError;
  const handles = mode === 'continue' ? prepared.defaultHandles : mode === 'error-handle' ? ['error'] : null;
  if (handles)
    return {
      kind: 'handled',
      output: { error: serialized.error, cause: serialized.cause },
      handles,
      error: serialized,
      handledBy: mode,
    };
  return { kind: 'failed', error: serialized, failExecution: error };
}

/**
 * Records a failure decision in the unit of work: the step row, its event, the retry job, and
 * the execution's failure through `failExecution`. Returns whether the run goes on.
 */
export async function applyFailureDecision(
  uow: UnitOfWork,
  step: StepRecord,
  decision: FailureDecision,
  failExecution: (uow: UnitOfWork, error: EngineError) => Promise<void>,
): Promise<boolean> {
  const durationMs = step.startedAt ? uow.now.getTime() - step.startedAt.getTime() : null;
  if (decision.kind === 'retry') {
    const next = step.attempt + 1;
    const wakeAt = new Date(uow.now.getTime() + decision.delayMs);
    await uow.saveSteps([
      {
        ...step,
        status: 'retrying',
        error: decision.error,
        attempt: next,
        queued: true,
        wakeAt,
        endedAt: uow.now,
        durationMs,
      },
    ]);
    uow.events.push({
      type: 'step_retrying',
      stepId: step.stepId,
      attempt: step.attempt,
      data: { ...decision.error, nextAttempt: next, delayMs: decision.delayMs },
    });
    uow.jobs.push({ stepId: step.stepId, attempt: next, delayMs: decision.delayMs });
    return true;
  }
  const handled = decision.kind === 'handled';
  const output = handled ? decision.output : null;
  const handles = handled ? decision.handles : null;
  await uow.saveSteps([
    { ...step, status: 'failed', error: decision.error, output, handles, endedAt: uow.now, durationMs, wakeAt: null },
  ]);
  uow.events.push({
    type: 'step_failed',
    stepId: step.stepId,
    attempt: step.attempt,
    data: { ...decision.error, handledBy: handled ? (decision.handledBy ?? 'catch') : null },
  });
  if (decision.kind === 'failed' && decision.failExecution) {
    await failExecution(uow, decision.failExecution);
    return false;
  }
  return true;
}
