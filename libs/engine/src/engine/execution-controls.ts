import { CancelledError, InvalidInputError, InvariantViolationError } from '../errors/engine.error.js';
import { serializeError } from '../errors/serialize-error.js';
import type { Clock } from '../ports/clock.port.js';
import type { ExecutionStore } from '../ports/execution-store.port.js';
import { closeOpenSteps } from './close-open-steps.js';
import type { ExecutionJournal, UnitOfWork } from './execution-journal.js';
import { findScheduledJobs } from './find-scheduled-jobs.js';
import { resetStepsForRedrive } from './reset-steps-for-redrive.js';
import type { RunningStepRegistry } from './running-step-registry.js';
import type { WorkflowInterpreter } from './workflow-interpreter.js';

// Same ids as WorkflowEngine.DEADLINE_STEP_ID and START_STEP_ID; repeated here to avoid a circular import.
const DEADLINE_JOB = '$deadline';
const START_JOB = '$start';

export interface RecoveryOptions {
  /** `pending` executions younger than this are still being started by the process that created them. */
  pendingGraceMs: number;
  /** Queued work due longer ago than this without having run is re-enqueued (its job may be lost). */
  stalledGraceMs: number;
}

/** Pause, resume, cancel, redrive and crash recovery: everything that steers a run from outside. */
export abstract class ExecutionControls {
  protected constructor(
    protected readonly journal: ExecutionJournal,
    private readonly store: ExecutionStore,
    private readonly clock: Clock,
    protected readonly running: RunningStepRegistry,
    private readonly interpreters: Map<string, WorkflowInterpreter>,
    private readonly recovery: RecoveryOptions = { pendingGraceMs: 10_000, stalledGraceMs: 0 },
  ) {}

  /** Stops scheduling new steps; running steps finish and are recorded. */
  async pause(executionId: string): Promise<boolean> {
    await this.assertExists(executionId);
    return this.journal.transact(executionId, async (uow) => {
      if (!(await uow.moveStatus(['running'], 'paused'))) return false;
      uow.events.push({ type: 'paused' });
      return true;
    });
  }

  /** Schedules again what was due while paused (retry and delay timers keep their wake time). */
  async resume(executionId: string): Promise<boolean> {
    await this.assertExists(executionId);
    return this.journal.transact(executionId, async (uow) => {
      if (!(await uow.moveStatus(['paused'], 'running'))) return false;
      uow.events.push({ type: 'resumed' });
      uow.jobs.push(...findScheduledJobs(uow.snapshot.steps, uow.now, false));
      await this.advance(uow);
      return true;
    });
  }

  /** Cancels the execution; this process's running steps see their AbortSignal fire. */
  async cancel(executionId: string, reason = 'Cancelled by request'): Promise<boolean> {
    await this.assertExists(executionId);
    return this.journal.transact(executionId, async (uow) => {
      const error = new CancelledError(reason);
      if (
        !(await uow.moveStatus(['pending', 'running', 'paused'], 'cancelled', {
          error: error.code,
          cause: reason,
          endedAt: uow.now,
        }))
      ) {
        return false;
      }
      await uow.saveSteps(
        closeOpenSteps(uow.snapshot.steps, ['pending', 'retrying', 'running'], uow.now, serializeError(error)),
      );
      uow.events.push({ type: 'cancelled', data: { cause: reason } });
      uow.abortReason = error;
      return true;
    });
  }

  /**
   * Runs a failed execution again from its failed steps, keeping completed outputs. The one
   * backward status move (failed -> running), as Step Functions' redrive does.
   */
  async redrive(executionId: string): Promise<boolean> {
    await this.assertExists(executionId);
    return this.journal.transact(executionId, async (uow) => {
      const { execution } = uow;
      if (execution.status !== 'failed')
        throw new InvalidInputError(
          `Only failed executions can be redriven (status ${execution.status})`,
          'NOT_REDRIVABLE',
        );
      const timeoutMs =
        execution.deadlineAt && execution.startedAt
          ? execution.deadlineAt.getTime() - execution.startedAt.getTime()
          : null;
      const redriveCount = execution.redriveCount + 1;
      const deadlineAt = timeoutMs ? new Date(uow.now.getTime() + timeoutMs) : null;
      const interpreter = this.interpreterFor(execution.format);
      await uow.saveSteps(
        interpreter.redriveSteps ? interpreter.redriveSteps(uow.snapshot) : resetStepsForRedrive(uow.snapshot.steps),
      );
      await uow.moveStatus(
        ['failed'],
        'running',
        { error: null, cause: null, endedAt: null, redriveCount, deadlineAt },
        true,
      );
      uow.events.push({ type: 'resumed', data: { redriveCount } });
      if (timeoutMs) uow.jobs.push({ stepId: DEADLINE_JOB, attempt: redriveCount + 1, delayMs: timeoutMs });
      await this.advance(uow);
      return true;
    });
  }

  /**
   * Crash recovery: starts `pending` executions whose start was lost (through admission, like
   * any start) and re-enqueues the open steps of running executions on the durable queue.
   * Deterministic job ids, compare-and-set status moves and step leases make it safe to call
   * at every boot and periodically from any number of processes at once.
   */
  async recoverStalledWork(): Promise<number> {
    let scheduled = 0;
    const createdBefore = new Date(this.clock.now() - this.recovery.pendingGraceMs);
    for (const executionId of await this.store.findPendingExecutionIds(createdBefore)) {
      const snapshot = await this.store.findExecution(executionId);
      if (!snapshot || snapshot.execution.status !== 'pending') continue;
      // Same job id as a start parked for admission: when that job still exists this is a no-op.
      await this.journal.dispatch(snapshot.execution, [{ stepId: START_JOB, attempt: 1, delayMs: 0 }], true);
      scheduled++;
    }
    const now = new Date(this.clock.now());
    const overdueBefore = new Date(now.getTime() - this.recovery.stalledGraceMs);
    for (const executionId of await this.store.findExecutionsWithStalledWork(now, overdueBefore)) {
      const snapshot = await this.store.findExecution(executionId);
      if (!snapshot || snapshot.execution.status !== 'running') continue;
      const jobs = findScheduledJobs(snapshot.steps, now, true);
      const { deadlineAt, redriveCount } = snapshot.execution;
      if (deadlineAt)
        jobs.push({
          stepId: DEADLINE_JOB,
          attempt: redriveCount + 1,
          delayMs: Math.max(0, deadlineAt.getTime() - now.getTime()),
        });
      await this.journal.dispatch(snapshot.execution, jobs, true);
      scheduled += jobs.length;
    }
    return scheduled;
  }

  /** Aborts this process's running steps of an execution (for a cancel broadcast from elsewhere). */
  abortRunningSteps(executionId: string, reason = 'Cancelled by request'): number {
    return this.running.abort(executionId, new CancelledError(reason));
  }

  /** Lets the interpreter plan from the working snapshot; completes the run when nothing is left. */
  protected async advance(uow: UnitOfWork): Promise<void> {
    const interpreter = this.interpreterFor(uow.execution.format);
    const plan = await interpreter.advance(uow.snapshot, uow.now, interpreter.maxConcurrency(uow.execution.definition));
    await uow.saveSteps(plan.changed);
    uow.events.push(...plan.events);
    uow.jobs.push(...plan.jobs);
    if (plan.finished && uow.execution.status === 'running') {
      if (await uow.moveStatus(['running'], 'completed', { output: plan.finished.output, endedAt: uow.now })) {
        uow.events.push({ type: 'completed', data: { output: plan.finished.output } });
      }
    }
  }

  protected interpreterFor(format: string): WorkflowInterpreter {
    const interpreter = this.interpreters.get(format);
    if (!interpreter) throw new InvariantViolationError(`No interpreter for format "${format}"`);
    return interpreter;
  }

  private async assertExists(executionId: string): Promise<void> {
    if (!(await this.store.findExecution(executionId))) {
      throw new InvalidInputError(`Execution ${executionId} not found`, 'EXECUTION_NOT_FOUND');
    }
  }
}
