import { PermanentError } from '../errors/engine.error.js';
import type { StepJob } from '../execution/execution-record.js';
import type { AnyNodeType } from '../nodes/node-type.js';

/**
 * Whether an attempt a dead runner may already have run can simply run again: the node is
 * replay-safe, or the system it calls deduplicates by the attempt's idempotency key.
 */
export function mayRunAgain(nodeType: Pick<AnyNodeType, 'replaySafe' | 'deduplicatesByIdempotencyKey'>): boolean {
  return nodeType.replaySafe || nodeType.deduplicatesByIdempotencyKey === true;
}

/** The failure of such an attempt: nobody knows whether its side effect happened. */
export function outcomeUnknown(job: StepJob): PermanentError {
  return new PermanentError(
    `Step "${job.stepId}" attempt ${job.attempt} was running when its worker stopped, and its node is not ` +
      'replay-safe: it may or may not have taken effect, so it was not run again. Check the outside system, ' +
      'then redrive the execution to run it again.',
    'STEP_OUTCOME_UNKNOWN',
  );
}
