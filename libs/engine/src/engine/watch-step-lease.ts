import { CancelledError, type EngineError, TimeoutError } from '../errors/engine.error.js';
import type { StepJob } from '../execution/execution-record.js';
import type { NodeLogger } from '../nodes/node-type.js';
import type { Clock } from '../ports/clock.port.js';
import type { ExecutionStore, StepWatch } from '../ports/execution-store.port.js';

export interface StepLeaseWatch {
  job: StepJob;
  controller: AbortController;
  store: ExecutionStore;
  clock: Clock;
  logger: NodeLogger;
  leaseMs: number;
  everyMs: number;
}

/**
 * While a step runs, renews its lease every `everyMs` and reads its execution's status in the
 * same cheap write. That is how a cancel reaches a node in whichever process runs it, with no
 * broadcast channel to keep per tier: within about `everyMs` the node's AbortSignal fires.
 * Pause aborts nothing (running steps finish). Returns the function that stops watching.
 */
export function watchStepLease(watch: StepLeaseWatch): () => void {
  const { job, controller, store, clock, logger, leaseMs, everyMs } = watch;
  let stopped = false;
  let cancelTimer = clock.setTimer(everyMs, () => void tick());

  async function tick(): Promise<void> {
    if (stopped) return;
    try {
      const state = await store.renewStepLease(job, new Date(clock.now() + leaseMs));
      const reason = abortReasonOf(state);
      if (reason && !stopped) {
        controller.abort(reason);
        return;
      }
    } catch (error) {
      // The database may be briefly away; the node goes on and the next tick tries again.
      logger.warn('step lease renewal failed', { ...job, error: String(error) });
    }
    if (!stopped) cancelTimer = clock.setTimer(everyMs, () => void tick());
  }

  return () => {
    stopped = true;
    cancelTimer();
  };
}

/** Why a running attempt must stop, or null to let it go on. */
export function abortReasonOf(state: StepWatch | null): EngineError | null {
  // Cancelled, redriven or recorded by another runner: this attempt's result would be discarded.
  if (!state) return new CancelledError('The step attempt is no longer current');
  if (state.executionStatus === 'cancelled') return new CancelledError('Cancelled by request');
  // Both formats' execution deadlines: the graph's EXECUTION_TIMEOUT and ASL's machine-level States.Timeout.
  if (
    state.executionStatus === 'failed' &&
    (state.executionError === 'EXECUTION_TIMEOUT' || state.executionError === 'States.Timeout')
  ) {
    return new TimeoutError('Execution exceeded its workflow timeout', state.executionError);
  }
  return null;
}
