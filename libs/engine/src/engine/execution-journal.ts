import type { PlannedJob } from './workflow-interpreter.js';
import type { EngineError } from '../errors/engine.error.js';
import type {
  ExecutionEvent,
  ExecutionRecord,
  ExecutionSnapshot,
  ExecutionStatus,
  NewExecutionEvent,
  StepJob,
  StepRecord,
} from '../execution/execution-record.js';
import { canMoveForward, isTerminalStatus } from '../execution/execution-status.js';
import { InvariantViolationError } from '../errors/engine.error.js';
import type { Clock } from '../ports/clock.port.js';
import type { EventSink } from '../ports/event-sink.port.js';
import type { ExecutionPatch, ExecutionTransaction } from '../ports/execution-store.port.js';
import type { ExpressExecutionStore } from '../express/express-execution-store.js';
import type { ScheduleOptions, StepScheduler } from '../ports/step-scheduler.port.js';
import type { TraceCarrier } from '../ports/execution-tracer.port.js';
import type { NodeLogger } from '../nodes/node-type.js';
import { findScheduledJobs } from './find-scheduled-jobs.js';
import { externalTimerJob } from './external-wait.js';
import { fanOutLimits } from '../execution/fan-out-limits.js';
import { frozenCopy } from '../execution/deep-freeze.js';
import type { RunningStepRegistry } from './running-step-registry.js';
import { StepListIndex, writeInPlace } from '../execution/step-list-index.js';
import { BoundedCache } from '../runtime/bounded-cache.js';

/** One locked unit of work on an execution: a working snapshot plus what to do after commit. */
export class UnitOfWork {
  readonly events: NewExecutionEvent[] = [];
  readonly jobs: PlannedJob[] = [];
  /** Abort this process's running steps of the execution after commit, with this reason. */
  abortReason: EngineError | null = null;
  /** The run now waits for someone outside (a parked step): an in-process run moves to the queue. */
  handOver = false;
  /** Whether pure steps this unit plans may run inside it (InlineSteps); a queued start's does not. */
  runsInline = true;
  /** The trace span this unit of work runs in: the jobs it plans carry it (null: not traced). */
  trace: TraceCarrier | null = null;

  /** The loaded steps by position, shared with later units of work of this execution in this process. */
  private readonly index: StepListIndex;
  /** Steps this unit of work saved, by id: they shadow the loaded ones. */
  private readonly written = new Map<string, StepRecord>();
  /** Saved steps not written to the store yet. */
  private readonly unsaved = new Set<string>();
  /**
   * `steps` as interpreters read it once this unit saved a step: a copy of the loaded list made at
   * the first read after a write, then written in place (logged, so the step tables that follow it
   * take in only what changed: a copy per save made each inline step cost O(steps)).
   */
  private working: StepRecord[] | null = null;
  /** Positions in `working` of steps this unit created. */
  private readonly appended = new Map<string, number>();
  private current: ExecutionRecord;
  /**
   * The working snapshot: the loaded one with this unit's writes applied. One object for the
   * whole unit, whose fields always show the latest writes (holders of it see them too).
   */
  readonly snapshot: ExecutionSnapshot;

  constructor(
    readonly tx: ExecutionTransaction,
    loaded: ExecutionSnapshot,
    readonly now: Date,
    index: StepListIndex = new StepListIndex(),
  ) {
    this.current = loaded.execution;
    index.sync(loaded.steps);
    this.index = index;
    const read = () => this.current;
    const list = () => this.working ?? (this.written.size ? this.startWorking() : loaded.steps);
    this.snapshot = Object.defineProperties({} as ExecutionSnapshot, {
      execution: { get: read, enumerable: true },
      steps: { get: list, enumerable: true },
    });
  }

  get execution(): ExecutionRecord {
    return this.current;
  }

  step(stepId: string): StepRecord | undefined {
    return this.written.get(stepId) ?? this.index.get(stepId);
  }

  /**
   * Saves step rows: the working snapshot shows them at once, and they are written together, in
   * one statement, when the unit of work commits (`flush`), however many times a step changed
   * meanwhile (a step run inline goes pending, running, completed in one unit). Each step is
   * frozen once here, so what the store keeps, the working snapshot and the events that quote a
   * step's input or output (`step(id).input`) share one copy instead of copying each payload again.
   */
  async saveSteps(steps: StepRecord[]): Promise<void> {
    for (const step of steps) {
      const frozen = frozenCopy(step);
      this.written.set(frozen.stepId, frozen);
      this.unsaved.add(frozen.stepId);
      if (this.working) this.place(this.working, frozen);
    }
  }

  /** Writes the steps saved since the last flush (the journal calls it before commit). */
  async flush(): Promise<void> {
    if (!this.unsaved.size) return;
    const steps = [...this.unsaved].map((stepId) => this.written.get(stepId)!);
    this.unsaved.clear();
    await this.tx.saveSteps(steps);
  }

  /** The loaded list with this unit's writes: changed rows in their place, new ones last (the order stores keep). */
  private startWorking(): StepRecord[] {
    const working = this.index.list.slice();
    for (const step of this.written.values()) this.place(working, step);
    this.working = working;
    return working;
  }

  private place(working: StepRecord[], step: StepRecord): void {
    const known = this.index.positionOf(step.stepId) ?? this.appended.get(step.stepId);
    if (known !== undefined) return writeInPlace(working, known, step);
    this.appended.set(step.stepId, working.length);
    writeInPlace(working, working.length, step);
  }

  /** Compare-and-set of the execution status; only forward moves unless `allowBackward` (redrive). */
  async moveStatus(
    expected: ExecutionStatus[],
    next: ExecutionStatus,
    patch: ExecutionPatch = {},
    allowBackward = false,
  ): Promise<boolean> {
    const illegal = expected.find((from) => !allowBackward && !canMoveForward(from, next));
    if (illegal) throw new InvariantViolationError(`Execution status may not move from ${illegal} to ${next}`);
    const moved = await this.tx.compareAndSetStatus(expected, next, patch);
    if (moved) this.current = { ...this.current, ...patch, status: next };
    return moved;
  }
}

export interface JournalDeps {
  store: ExpressExecutionStore;
  events: EventSink;
  clock: Clock;
  scheduler: StepScheduler;
  immediateScheduler?: StepScheduler;
  running: RunningStepRegistry;
  logger: NodeLogger;
  /** Longest wait an in-process run keeps; a longer one hands the execution to `scheduler`. */
  immediateMaxDelayMs: number;
  onExecutionEnd?: (executionId: string, status: ExecutionStatus, execution: ExecutionRecord) => Promise<void> | void;
}

/**
 * The write-then-schedule rule in one place: state changes and events commit under the
 * execution lock first; only then are events published, jobs scheduled and running steps
 * aborted. A crash in between leaves persisted work that `recoverStalledWork` re-schedules.
 */
export class ExecutionJournal {
  private readonly terminalWaiters = new Map<string, Array<(ended: ExecutionRecord) => void>>();
  /**
   * Executions whose jobs this process runs itself (immediate mode), with their waiter: given the
   * ended execution, or null when the run was handed over to the queue.
   */
  private readonly inProcess = new Map<string, (ended: ExecutionRecord | null) => void>();

  /**
   * Fails an execution whose history went past `BATON_MAX_EXECUTION_EVENTS`, in the same unit of
   * work (set by the engine, which owns what failing means).
   */
  onEventLimit: ((uow: UnitOfWork, limit: number) => Promise<void>) | null = null;

  /** Step indexes of executions this process works on, kept between their units of work. */
  private readonly indexes = new BoundedCache<string, StepListIndex>(STEP_INDEXES);
  /** Executions whose index a unit of work holds right now (a second one builds its own). */
  private readonly indexed = new Set<string>();

  constructor(private readonly deps: JournalDeps) {}

  async transact<T>(executionId: string, work: (uow: UnitOfWork) => Promise<T>): Promise<T> {
    let uow: UnitOfWork | undefined;
    let published: ExecutionEvent[] = [];
    const result = await this.deps.store.withExecutionLock(executionId, async (tx) => {
      const now = new Date(this.deps.clock.now());
      const loaded = await tx.loadExecution();
      // Taken once the execution is locked: units of work queued behind this one do not hold it.
      const lease = this.leaseIndex(executionId);
      try {
        uow = new UnitOfWork(tx, loaded, now, lease.index);
        const value = await work(uow);
        await uow.flush();
        published = uow.events.length ? await tx.appendEvents(uow.events, now) : [];
        const limit = fanOutLimits().maxExecutionEvents;
        const last = published.at(-1);
        if (last && last.sequence > limit && !isTerminalStatus(uow.execution.status) && this.onEventLimit) {
          uow.events.length = 0;
          await this.onEventLimit(uow, limit);
          await uow.flush();
          if (uow.events.length) published = [...published, ...(await tx.appendEvents(uow.events, now))];
        }
        return value;
      } finally {
        lease.release();
      }
    });
    await this.afterCommit(uow!, published);
    return result;
  }

  /** The execution's shared step index, or a private one while another unit of work holds it. */
  private leaseIndex(executionId: string): { index: StepListIndex; release: () => void } {
    if (this.indexed.has(executionId)) return { index: new StepListIndex(), release: () => undefined };
    this.indexed.add(executionId);
    return {
      index: this.indexes.getOrCreate(executionId, () => new StepListIndex()),
      release: () => this.indexed.delete(executionId),
    };
  }

  /** Resolves with the ended execution once this process sees it reach a terminal status. */
  whenTerminal(executionId: string): Promise<ExecutionRecord> {
    return new Promise((resolve) => {
      this.terminalWaiters.set(executionId, [...(this.terminalWaiters.get(executionId) ?? []), resolve]);
    });
  }

  forgetWaiters(executionId: string): void {
    this.terminalWaiters.delete(executionId);
  }

  /**
   * Runs the execution's step jobs on the in-process scheduler from now on. Resolves when it
   * reaches a terminal status (with the ended execution: the caller needs no second read) or is
   * handed over to the durable queue (with null).
   */
  runInProcess(executionId: string): Promise<ExecutionRecord | null> {
    return new Promise((resolve) => this.inProcess.set(executionId, resolve));
  }

  /**
   * Moves an in-process execution to the durable queue: its waiting in-process jobs are dropped
   * and every step the journal says is due gets a queue job. Steps already running here finish
   * here (their lease keeps a recovered duplicate from running them twice); what they plan next
   * goes to the queue. Called when a long wait comes up and when the immediate wait ends.
   */
  async handOver(executionId: string): Promise<boolean> {
    if (!this.inProcess.has(executionId)) return true;
    // An express run turns standard: everything so far is written in one transaction first. If
    // that write fails the run cannot move: it goes on here, in memory (at-most-once).
    const persisted = await this.persistExpress(executionId, 'standard');
    if (persisted === 'failed') return false;
    const converted = persisted === 'written';
    const release = this.inProcess.get(executionId);
    if (!release) return true;
    this.inProcess.delete(executionId);
    this.deps.immediateScheduler?.discardWaiting?.(executionId);
    release(null);
    const snapshot = await this.deps.store.findExecution(executionId);
    if (snapshot?.execution.status !== 'running') return true;
    const now = new Date(this.deps.clock.now());
    const jobs = findScheduledJobs(snapshot.steps, now, false);
    // Its timers ran in this process's memory; the queue takes them over.
    const deadlineAt = snapshot.execution.deadlineAt;
    if (converted && deadlineAt)
      jobs.push({
        stepId: DEADLINE_JOB,
        attempt: snapshot.execution.redriveCount + 1,
        delayMs: Math.max(0, deadlineAt.getTime() - now.getTime()),
      });
    if (converted) jobs.push(...findExternalTimerJobs(snapshot.steps, now));
    await this.dispatch(snapshot.execution, jobs, true);
    return true;
  }

  /** Writes a held express run to the durable store: `held` when this process does not hold it. */
  private async persistExpress(
    executionId: string,
    durability: 'express' | 'standard',
  ): Promise<'written' | 'held' | 'failed'> {
    if (!this.deps.store.holds(executionId)) return 'held';
    try {
      return (await this.deps.store.persist(executionId, durability)) ? 'written' : 'held';
    } catch (error) {
      // At-most-once: the run stays readable in this process, but is not durable.
      this.deps.logger.error('could not write an express execution', { executionId, error: String(error) });
      return 'failed';
    }
  }

  /**
   * Schedules jobs outside a unit of work (recovery, hand-over); same routing as after a commit.
   * Only executions this process runs in-process use the in-process scheduler, and only for
   * step jobs due within `immediateMaxDelayMs`; timers (`$deadline`, `$start`) always use the queue.
   */
  async dispatch(
    execution: ExecutionRecord,
    jobs: PlannedJob[],
    useQueue = false,
    trace: TraceCarrier | null = null,
  ): Promise<void> {
    const local = !useQueue && this.inProcess.has(execution.id) ? this.deps.immediateScheduler : undefined;
    if (local && jobs.some((job) => !isTimerJob(job) && job.delayMs > this.deps.immediateMaxDelayMs)) {
      if (await this.handOver(execution.id)) {
        // Converted: `handOver` scheduled everything due from the durable journal, timers included.
        if (execution.durability === 'express') return;
        return this.dispatch(execution, jobs, true, trace);
      }
      // Could not be written: the express run waits here, in this process's memory.
    }
    // An express run exists only in this process's memory, so its timers stay here too.
    const express = Boolean(local) && this.deps.store.holds(execution.id);
    const batches = new Map<StepScheduler, Array<{ job: StepJob; options: ScheduleOptions }>>();
    for (const job of jobs) {
      const scheduler = local && (express || !isTimerJob(job)) ? local : this.deps.scheduler;
      const batch = batches.get(scheduler) ?? [];
      batch.push({
        job: { executionId: execution.id, stepId: job.stepId, attempt: job.attempt, ...(trace ? { trace } : {}) },
        options: { delayMs: job.delayMs, priority: execution.priority || undefined },
      });
      batches.set(scheduler, batch);
    }
    for (const [scheduler, batch] of batches)
      await (batch.length === 1 ? scheduler.schedule(batch[0].job, batch[0].options) : scheduler.scheduleMany(batch));
  }

  /** The end-of-run hook, outside the run's path: what it releases must not delay or fail the run. */
  private releaseResources(execution: ExecutionRecord): void {
    const { id: executionId, status } = execution;
    const hook = this.deps.onExecutionEnd;
    if (!hook) return;
    void Promise.resolve()
      .then(() => hook(executionId, status, execution))
      .catch((error: unknown) =>
        this.deps.logger.warn('execution end hook failed', { executionId, error: String(error) }),
      );
  }

  private async afterCommit(uow: UnitOfWork, published: ExecutionEvent[]): Promise<void> {
    const execution = uow.execution;
    const scope = { workspaceId: execution.workspaceId, workflowId: execution.workflowId };
    for (const event of published) {
      // Events are already journaled; a failing live sink must not undo or stall the run.
      await this.deps.events
        .publish(event, scope)
        .catch((error: unknown) => this.deps.logger.warn('event sink failed', { error: String(error) }));
    }
    if (uow.abortReason) this.deps.running.abort(execution.id, uow.abortReason);
    // Jobs planned while paused stay marked queued; resume schedules them.
    if (execution.status === 'running') await this.dispatch(execution, uow.jobs, false, uow.trace);
    if (uow.handOver && this.inProcess.has(execution.id)) await this.handOver(execution.id);
    if (isTerminalStatus(execution.status)) {
      // An express run is written once, now that it ended; waiters then read the durable row.
      // Its timers (a `$deadline`) waited in this process: they have nothing left to do.
      if ((await this.persistExpress(execution.id, 'express')) === 'written')
        this.deps.immediateScheduler?.discardWaiting?.(execution.id);
      this.inProcess.get(execution.id)?.(execution);
      this.inProcess.delete(execution.id);
      const waiters = this.terminalWaiters.get(execution.id) ?? [];
      this.terminalWaiters.delete(execution.id);
      for (const resolve of waiters) resolve(execution);
      this.releaseResources(execution);
    }
  }
}

const DEADLINE_JOB = '$deadline';

/** Executions whose step index a process keeps; one more is re-read on its next unit of work. */
const STEP_INDEXES = 1000;

/** Timers of steps parked for an external answer (timeouts, heartbeats), due from now. */
function findExternalTimerJobs(steps: StepRecord[], now: Date): PlannedJob[] {
  return steps
    .filter((step) => step.status === 'running')
    .map((step) => externalTimerJob(step, now))
    .filter((job): job is PlannedJob => job !== null);
}

/** Engine timers such as `$deadline` and `$start`: `$` cannot start a node id. */
function isTimerJob(job: PlannedJob): boolean {
  return job.stepId.startsWith('$');
}
