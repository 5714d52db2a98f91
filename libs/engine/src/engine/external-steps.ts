import { PermanentError, TimeoutError } from '../errors/engine.error.js';
import { classifyError } from '../errors/classify-error.js';
import type { StepJob } from '../execution/execution-record.js';
import type { ExecutionStore } from '../ports/execution-store.port.js';
import type { ExecutionJournal, UnitOfWork } from './execution-journal.js';
import {
  EXTERNAL_TIMER_PREFIX,
  type ExternalOutcome,
  type ExternalStepRef,
  externalTimerJob,
  externalWaitOf,
  nextDeadline,
} from './external-wait.js';
import type { AttemptOutcome } from './run-node-attempt.js';
import { isWaitingAttempt } from './step-readiness.js';
import type { PreparedStep, WorkflowInterpreter } from './workflow-interpreter.js';

/** How long a token answer waits for its step to finish parking (the resource may answer before the attempt returns). */
const PARKING_WAIT_MS = 10_000;

export interface ExternalStepsDeps {
  store: ExecutionStore;
  journal: ExecutionJournal;
  interpreterFor(format: string): WorkflowInterpreter;
  /** Records an outcome exactly as an attempt's (and plans what follows). */
  record(uow: UnitOfWork, job: StepJob, prepared: PreparedStep, outcome: AttemptOutcome): Promise<void>;
}

/**
 * Steps parked for someone outside (a task token, an activity, a child execution): their answer,
 * their heartbeats, and the timer that fails them when the answer does not come in time.
 */
export class ExternalSteps {
  constructor(private readonly deps: ExternalStepsDeps) {}

  /**
   * Completes (or keeps alive, on a heartbeat) a step parked for an external answer, under the
   * execution lock, exactly as if its attempt had returned or thrown. Returns `stale` when the
   * step no longer waits for this token (answered, timed out, cancelled or redriven).
   */
  async complete(ref: ExternalStepRef, outcome: ExternalOutcome): Promise<'completed' | 'heartbeat' | 'stale'> {
    const giveUpAt = Date.now() + PARKING_WAIT_MS;
    for (;;) {
      const snapshot = await this.deps.store.findExecution(ref.executionId);
      const step = snapshot?.steps.find((s) => s.stepId === ref.stepId);
      if (!snapshot || !step || !isWaitingAttempt(snapshot.execution, step, ref.attempt)) return 'stale';
      const wait = externalWaitOf(step);
      if (!wait) {
        // The attempt handed the token out and has not parked yet: a quick answerer is not a lost one.
        if (step.state !== null || Date.now() > giveUpAt) return 'stale';
        await new Promise((resolve) => setTimeout(resolve, 50));
        continue;
      }
      if (wait.tokenHash !== ref.tokenHash) return 'stale';
      const interpreter = this.deps.interpreterFor(snapshot.execution.format);
      const prepared = await interpreter.prepareStep(snapshot, step);
      const job: StepJob = { executionId: ref.executionId, stepId: ref.stepId, attempt: ref.attempt };
      return this.deps.journal.transact(ref.executionId, async (uow) => {
        const current = uow.step(ref.stepId);
        const currentWait = externalWaitOf(current);
        if (
          !current ||
          !isWaitingAttempt(uow.execution, current, ref.attempt) ||
          currentWait?.tokenHash !== ref.tokenHash
        )
          return 'stale';
        if (outcome.kind === 'heartbeat') {
          if (currentWait.heartbeatMs) {
            const heartbeatAt = new Date(uow.now.getTime() + currentWait.heartbeatMs).toISOString();
            await uow.saveSteps([{ ...current, state: { external: { ...currentWait, heartbeatAt } } }]);
          }
          return 'heartbeat';
        }
        let result: AttemptOutcome;
        if (outcome.kind === 'failure') {
          result = { ok: false, error: new PermanentError(outcome.cause, outcome.error) };
        } else {
          try {
            result = {
              ok: true,
              // Async: ASL evaluates a JSONata callback task's Output and Assign on the answer.
              result: interpreter.externalResult
                ? await interpreter.externalResult(prepared, outcome.output)
                : { output: outcome.output },
            };
          } catch (error) {
            result = { ok: false, error: classifyError(error) };
          }
        }
        await this.deps.record(uow, job, prepared, result);
        return 'completed';
      });
    }
  }

  /** A parked step's timer: fails it with a timeout when its deadline passed, else waits on. */
  async enforceWait(job: StepJob): Promise<void> {
    const stepId = job.stepId.slice(EXTERNAL_TIMER_PREFIX.length);
    const snapshot = await this.deps.store.findExecution(job.executionId);
    const step = snapshot?.steps.find((s) => s.stepId === stepId);
    const wait = externalWaitOf(step);
    if (!snapshot || !step || !wait || wait.timer !== job.attempt || snapshot.execution.status !== 'running') return;
    const prepared = await this.deps.interpreterFor(snapshot.execution.format).prepareStep(snapshot, step);
    await this.deps.journal.transact(job.executionId, async (uow) => {
      const current = uow.step(stepId);
      const currentWait = externalWaitOf(current);
      // Paused runs keep their waits; resume schedules the timer again.
      if (!current || currentWait?.timer !== job.attempt || uow.execution.status !== 'running') return;
      const now = uow.now.getTime();
      const timedOut = currentWait.timeoutAt !== null && new Date(currentWait.timeoutAt).getTime() <= now;
      const silent = currentWait.heartbeatAt !== null && new Date(currentWait.heartbeatAt).getTime() <= now;
      if (!timedOut && !silent) {
        const next = { ...current, state: { external: { ...currentWait, timer: currentWait.timer + 1 } } };
        await uow.saveSteps([next]);
        const timer = externalTimerJob(next, uow.now);
        if (timer && nextDeadline(currentWait) !== null) uow.jobs.push(timer);
        return;
      }
      const error = timedOut
        ? new TimeoutError(`Task timed out waiting for its task token to be answered`, 'NODE_TIMEOUT')
        : new TimeoutError(`No heartbeat for ${currentWait.heartbeatMs} ms`, 'HEARTBEAT_TIMEOUT');
      await this.deps.record(uow, { executionId: job.executionId, stepId, attempt: current.attempt }, prepared, {
        ok: false,
        error,
      });
    });
  }
}
