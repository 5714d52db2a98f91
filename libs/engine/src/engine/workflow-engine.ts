import {
  CancelledError,
  type EngineError,
  InvalidInputError,
  PermanentError,
  TimeoutError,
} from '../errors/engine.error.js';
import { serializeError } from '../errors/serialize-error.js';
import type { ValidationResult } from '../definition/validation-problem.js';
import type {
  ExecutionDurability,
  ExecutionEvent,
  ExecutionRecord,
  ExecutionSnapshot,
  StepJob,
  StepRecord,
} from '../execution/execution-record.js';
import type { NodeLogger, NodeServices } from '../nodes/node-type.js';
import type { StepJobResult } from '../ports/step-scheduler.port.js';
import { type ExecutionTracer, NoopExecutionTracer, type TraceCarrier } from '../ports/execution-tracer.port.js';
import { attemptOutcomeOf, attemptSpanAttributes, startSpanAttributes } from './trace-attributes.js';
import { decideAdmission } from './decide-admission.js';
import { closeOpenSteps } from './close-open-steps.js';
import { ExecutionJournal, type UnitOfWork } from './execution-journal.js';
import { silentLogger } from './silent-logger.js';
import type { AttemptOutcome } from './run-node-attempt.js';
import { RunningStepRegistry } from './running-step-registry.js';
import type { StartExecutionRequest, StartExecutionResult } from './start-execution-request.js';
import type { PreparedStep } from './workflow-interpreter.js';
import { ExecutionControls } from './execution-controls.js';
import type { WorkflowEngineDeps } from './workflow-engine-deps.js';
import { applyFailureDecision, decideDefaultFailure } from './record-step-failure.js';
import { isRunnable } from './step-readiness.js';
import { runWatchedAttempt } from './run-watched-attempt.js';
import { DefinitionPlanCache } from './definition-plan-cache.js';
import { InlineSteps } from './inline-steps.js';
import { startAttempt } from './start-attempt.js';
import { ExternalSteps } from './external-steps.js';
import { newExecutionRecord } from './new-execution-record.js';
import { mayRunAgain, outcomeUnknown } from './replay-safety.js';
import { withAttemptUsage } from './attempt-usage.js';
import { ExpressExecutionStore } from '../express/express-execution-store.js';
import {
  EXTERNAL_TIMER_PREFIX,
  type ExternalOutcome,
  type ExternalStepRef,
  externalTimerJob,
  externalWaitOf,
} from './external-wait.js';

/** Job step id of the workflow-level timeout check; `$` cannot start a node id. */
export const DEADLINE_STEP_ID = '$deadline';
/** Job step id of an execution waiting for admission (per-workflow limits) or for recovery. */
export const START_STEP_ID = '$start';

export type { WorkflowEngineDeps } from './workflow-engine-deps.js';

/**
 * The durable execution core. One job is one step attempt: `runStep` loads the journal, runs the
 * node, records the outcome and plans successors under the execution lock, and only then
 * schedules them. Every job is idempotent, so a re-delivered or duplicate job is a no-op.
 */
export class WorkflowEngine extends ExecutionControls {
  private readonly services: NodeServices;
  private readonly random: () => number;
  private readonly logger: NodeLogger;

  private readonly deps: WorkflowEngineDeps & { store: ExpressExecutionStore };
  private readonly tracer: ExecutionTracer;
  /** Validation and analysis of each workflow version's definition, done at its first start. */
  private readonly plans: DefinitionPlanCache;
  /** Pure steps (ASL Pass, Choice...) run inside the unit of work that queued them. */
  private readonly inline: InlineSteps;
  /** Answers and timers of steps parked for someone outside. */
  private readonly external: ExternalSteps;

  constructor(options: WorkflowEngineDeps) {
    const logger = options.logger ?? silentLogger;
    const running = new RunningStepRegistry();
    // Express runs live in this process's memory until they end; everything else is durable.
    const store = new ExpressExecutionStore(options.store);
    const deps = { ...options, store };
    const journal = new ExecutionJournal({
      ...deps,
      logger,
      running,
      immediateMaxDelayMs: deps.immediateMaxDelayMs ?? 1000,
    });
    super(journal, deps.store, deps.clock, running, new Map(deps.interpreters.map((i) => [i.format, i])), {
      pendingGraceMs: deps.pendingGraceMs ?? 10_000,
      stalledGraceMs: deps.stalledGraceMs ?? 0,
    });
    this.deps = deps;
    this.services = deps.services ?? {};
    this.random = deps.random ?? Math.random;
    this.tracer = deps.tracer ?? new NoopExecutionTracer();
    this.plans = new DefinitionPlanCache(deps.maxNodes);
    this.logger = logger;
    this.inline = new InlineSteps({
      clock: deps.clock,
      logger,
      services: this.services,
      interpreterFor: (format) => this.interpreterFor(format),
      record: (uow, job, prepared, outcome) => this.recordOutcome(uow, job, prepared, outcome, true),
    });
    this.external = new ExternalSteps({
      store: deps.store,
      journal,
      interpreterFor: (format) => this.interpreterFor(format),
      record: (uow, job, prepared, outcome) => this.recordOutcome(uow, job, prepared, outcome),
    });
    journal.onEventLimit = async (uow, limit) => {
      const message = `EXECUTION_LIMIT: the execution's history reached ${limit} events (BATON_MAX_EXECUTION_EVENTS)`;
      const error =
        this.interpreterFor(uow.execution.format).limitError?.(message) ??
        new PermanentError(message, 'EXECUTION_LIMIT');
      await this.failExecution(uow, error);
      // Steps still running anywhere stop: their results would be discarded anyway.
      uow.abortReason = error;
    };
  }

  /**
   * Checks a definition with the interpreter of its format, exactly as `start` does, without
   * running it. A format no interpreter handles is a problem at path `format`.
   */
  validateDefinition(format: string, definition: unknown): ValidationResult {
    const interpreter = this.deps.interpreters.find((i) => i.format === format);
    if (!interpreter) {
      const known = this.deps.interpreters.map((i) => `"${i.format}"`).join(', ');
      return {
        valid: false,
        problems: [{ path: 'format', message: `unsupported workflow format "${format}" (this engine runs ${known})` }],
      };
    }
    return interpreter.validate(definition, { maxNodes: this.deps.maxNodes });
  }

  /** The execution with its steps, express runs held in this process included. */
  findExecution(executionId: string): Promise<ExecutionSnapshot | null> {
    return this.deps.store.findExecution(executionId);
  }

  /** The execution's events after `afterSequence`, express runs held in this process included. */
  findEvents(executionId: string, afterSequence?: number): Promise<ExecutionEvent[]> {
    return this.deps.store.findEvents(executionId, afterSequence);
  }

  /** Whether an interpreter for `format` is registered. */
  supportsFormat(format: string): boolean {
    return this.deps.interpreters.some((i) => i.format === format);
  }

  /** Validates, creates and starts an execution; in immediate mode waits for its result. */
  async start(request: StartExecutionRequest): Promise<StartExecutionResult> {
    const format = request.format ?? 'graph';
    if (!this.deps.interpreters.some((i) => i.format === format))
      throw new InvalidInputError(`Unsupported workflow format "${format}"`, 'UNSUPPORTED_FORMAT');
    const interpreter = this.interpreterFor(format);
    const plan = this.plans.planFor(interpreter, request.definition, request.workflowVersionId);
    if (!plan.problems.valid)
      throw new InvalidInputError('Workflow definition is invalid', 'INVALID_DEFINITION', plan.problems.problems);
    const complexity = plan.complexity!;
    const requested = request.mode ?? 'auto';
    const mode = requested === 'auto' ? complexity.recommendedMode : requested;
    // Express needs the run to stay in this process, and nothing in it may wait for someone
    // outside (their task tokens are rows of the durable journal).
    const durability: ExecutionDurability =
      mode === 'immediate' && this.deps.immediateScheduler && !complexity.waitsForPeople
        ? (request.durability ?? plan.durability ?? 'express')
        : 'standard';
    const now = new Date(this.deps.clock.now());
    const timeoutMs = request.timeoutMs ?? plan.timeoutMs;
    const execution = newExecutionRecord(
      request,
      {
        id: request.executionId ?? this.deps.ids.newId(),
        format: interpreter.format,
        definition: plan.definition,
        mode,
        durability,
        timeoutMs,
      },
      now,
    );
    await this.deps.store.createExecution(execution, interpreter.createInitialSteps(execution), {
      freshId: !request.executionId,
    });
    // Immediate mode runs in this process while it stays fast; without an in-process scheduler it waits on the queue.
    const inProcess = mode === 'immediate' && Boolean(this.deps.immediateScheduler);
    const finished =
      mode !== 'immediate'
        ? null
        : inProcess
          ? this.journal.runInProcess(execution.id)
          : this.journal.whenTerminal(execution.id);
    // The start request's span: the first step jobs carry it, so the execution's trace begins here.
    const span = this.tracer.startSpan('execution.start', {
      executionId: execution.id,
      attributes: startSpanAttributes(execution),
    });
    // A queued start answers at once: its first steps run on a worker, not in the request.
    const refused = await this.admitAndStart(execution.id, span.carrier(), mode === 'immediate');
    if (refused) {
      // Over the workflow's limits: the execution waits, parked on the durable queue.
      if (inProcess) await this.journal.handOver(execution.id);
      else this.journal.forgetWaiters(execution.id);
      await this.journal.dispatch(
        execution,
        [{ stepId: START_STEP_ID, attempt: 1, delayMs: refused.retryAfterMs }],
        true,
      );
    }
    let ended: ExecutionRecord | null = null;
    if (!refused && finished) {
      ended = await this.waitAtMost(finished, execution.id);
      if (inProcess && !ended) await this.journal.handOver(execution.id);
    }
    // An ended run is answered from the record it ended with: no read of the journal.
    const current = ended ?? (await this.deps.store.findExecution(execution.id))?.execution ?? execution;
    const result: StartExecutionResult = {
      executionId: execution.id,
      status: current.status,
      mode,
      durability: current.durability,
      complexity,
    };
    span.end({ ok: current.status !== 'failed', attributes: { 'baton.execution.status': current.status } });
    return mode === 'immediate'
      ? { ...result, output: current.output, error: current.error, cause: current.cause }
      : result;
  }

  /**
   * Starts a pending execution if its workflow's limits admit it (race-free: the store
   * serialises admissions per workflow). Returns when to ask again if it was refused.
   */
  private async admitAndStart(
    executionId: string,
    trace: TraceCarrier | null = null,
    inline = true,
  ): Promise<{ retryAfterMs: number } | undefined> {
    if (!(await this.deps.store.findExecution(executionId))) return undefined;
    return this.journal.transact(executionId, async (uow) => {
      uow.runsInline = inline;
      uow.trace = trace;
      if (uow.execution.status !== 'pending') return undefined;
      const decision = decideAdmission(await uow.tx.loadAdmission(uow.now), uow.now);
      if (!decision.admitted) return { retryAfterMs: decision.retryAfterMs };
      const { execution } = uow;
      const timeoutMs = execution.deadlineAt ? execution.deadlineAt.getTime() - execution.createdAt.getTime() : null;
      const deadlineAt = timeoutMs ? new Date(uow.now.getTime() + timeoutMs) : null;
      if (!(await uow.moveStatus(['pending'], 'running', { startedAt: uow.now, deadlineAt }))) return undefined;
      uow.events.push({ type: 'started', data: { mode: execution.mode, input: execution.input } });
      if (timeoutMs) uow.jobs.push({ stepId: DEADLINE_STEP_ID, attempt: 1, delayMs: timeoutMs });
      await this.advance(uow);
      return undefined;
    });
  }

  /** Runs one step attempt (the body of a queue job). Safe to call twice with the same job. */
  async runStep(job: StepJob): Promise<StepJobResult> {
    if (job.stepId === START_STEP_ID) return this.admitAndStart(job.executionId, job.trace ?? null);
    if (job.stepId === DEADLINE_STEP_ID) return this.enforceDeadline(job.executionId);
    if (job.stepId.startsWith(EXTERNAL_TIMER_PREFIX)) return this.external.enforceWait(job);
    let prepared!: PreparedStep;
    // One unit of work reads, prepares and claims: no separate read of the execution before it.
    const started = await this.journal
      .transact(job.executionId, async (uow) => {
        const step = uow.step(job.stepId);
        if (!isRunnable(uow.execution, step, job)) return false;
        prepared = await this.interpreterFor(uow.execution.format).prepareStep(uow.snapshot, step);
        // A step already `running` is run again only once its runner stopped renewing the lease
        // (it died); while the lease is live this job waits and looks again.
        const leaseUntil = new Date(uow.now.getTime() + this.leaseMs);
        if (!(await uow.tx.claimStep(job.stepId, leaseUntil, step.status === 'running' ? uow.now : null)))
          return 'leased';
        // Claimed although `running`: its runner died, maybe after the side effect. A node that
        // may not repeat it fails instead, for someone to redrive deliberately.
        if (step.status === 'running' && !mayRunAgain(prepared.nodeType)) {
          await this.recordOutcome(uow, job, prepared, { ok: false, error: outcomeUnknown(job) });
          return false;
        }
        await startAttempt(uow, step, job, prepared);
        return true;
      })
      // A job of an execution deleted meanwhile has nothing to do.
      .catch((error: unknown) => {
        if (error instanceof InvalidInputError && error.code === 'EXECUTION_NOT_FOUND') return false;
        throw error;
      });
    if (started === 'leased') return { retryAfterMs: this.leaseMs };
    if (!started) return;
    const span = this.tracer.startSpan('step.attempt', {
      executionId: job.executionId,
      parent: job.trace,
      attributes: attemptSpanAttributes(job, prepared),
    });
    const outcome = prepared.inputError
      ? ({ ok: false, error: prepared.inputError } as const)
      : await this.attempt(job, prepared);
    let recorded = 'stale';
    try {
      await this.journal.transact(job.executionId, async (uow) => {
        // The successors this outcome plans are the attempt's children in the trace.
        uow.trace = span.carrier();
        // The attempt's cost rides on the step row this outcome writes anyway (no extra statement).
        await this.recordOutcome(uow, job, prepared, outcome, !prepared.inputError);
        recorded = attemptOutcomeOf(uow.step(job.stepId), job);
      });
    } finally {
      span.end({
        ok: outcome.ok,
        error: outcome.ok ? undefined : outcome.error.code,
        attributes: { 'baton.step.outcome': recorded },
      });
    }
  }

  /** Plans what follows, then runs what of it is pure right here (successors of those included). */
  protected override async advance(uow: UnitOfWork): Promise<void> {
    await super.advance(uow);
    await this.inline.run(uow);
  }

  private attempt(job: StepJob, prepared: PreparedStep): Promise<AttemptOutcome> {
    return runWatchedAttempt(
      {
        running: this.running,
        store: this.deps.store,
        clock: this.deps.clock,
        logger: this.logger,
        services: this.services,
        leaseMs: this.leaseMs,
        watchMs: this.deps.stepWatchMs ?? 1000,
      },
      job,
      prepared,
    );
  }

  private async recordOutcome(
    uow: UnitOfWork,
    job: StepJob,
    prepared: PreparedStep,
    outcome: AttemptOutcome,
    attemptRan = false,
  ): Promise<void> {
    const current = uow.step(job.stepId);
    // Cancelled, redriven or already recorded by a duplicate delivery: this result is stale.
    if (!current || current.status !== 'running' || current.attempt !== job.attempt) return;
    const step = attemptRan
      ? withAttemptUsage(current, prepared.nodeType, outcome, this.deps.creditsPer1kTokens ?? 0)
      : current;
    if (outcome.ok) {
      const updated = this.interpreterFor(uow.execution.format).completeStep(step, outcome.result, prepared, uow.now);
      await uow.saveSteps([updated]);
      // Parked for an external completion: only its timeout/heartbeat timer is scheduled, and an
      // in-process run moves to the queue rather than holding a request until the answer comes.
      const timer = updated.status === 'running' ? externalTimerJob(updated, uow.now) : null;
      if (timer) uow.jobs.push(timer);
      if (updated.status === 'running' && externalWaitOf(updated)) uow.handOver = true;
      if (updated.status === 'completed') {
        uow.events.push({
          type: 'step_completed',
          stepId: step.stepId,
          attempt: step.attempt,
          data: { output: uow.step(step.stepId)!.output, durationMs: updated.durationMs },
        });
      }
    } else if (!(await this.recordFailure(uow, step, prepared, outcome.error))) {
      return;
    }
    if (uow.execution.status === 'running' || uow.execution.status === 'paused') await this.advance(uow);
  }

  /** Returns whether the run goes on (retry scheduled, or the failure handled). One path for every format. */
  private recordFailure(
    uow: UnitOfWork,
    step: StepRecord,
    prepared: PreparedStep,
    error: EngineError,
  ): Promise<boolean> {
    const interpreter = this.interpreterFor(uow.execution.format);
    // Cancellation always fails the step, whatever the interpreter's retry rules say.
    const decision =
      interpreter.decideFailure && !(error instanceof CancelledError)
        ? interpreter.decideFailure({
            snapshot: uow.snapshot,
            step,
            error,
            prepared,
            now: uow.now,
            random: this.random,
          })
        : decideDefaultFailure(step, prepared, error, this.random);
    return applyFailureDecision(uow, step, decision, (unit, reason) => this.failExecution(unit, reason));
  }

  /**
   * Completes (or keeps alive, on a heartbeat) a step parked for an external answer, exactly as if
   * its attempt had returned or thrown. `stale` when the step no longer waits for this token.
   */
  completeExternalStep(ref: ExternalStepRef, outcome: ExternalOutcome): Promise<'completed' | 'heartbeat' | 'stale'> {
    return this.external.complete(ref, outcome);
  }

  private async enforceDeadline(executionId: string): Promise<void> {
    await this.journal.transact(executionId, async (uow) => {
      const deadlineAt = uow.execution.deadlineAt;
      if (!deadlineAt || (uow.execution.status !== 'running' && uow.execution.status !== 'paused')) return;
      const remaining = deadlineAt.getTime() - uow.now.getTime();
      if (remaining > 0) {
        uow.jobs.push({ stepId: DEADLINE_STEP_ID, attempt: uow.execution.redriveCount + 1, delayMs: remaining });
        return;
      }
      const interpreter = this.interpreterFor(uow.execution.format);
      const error =
        interpreter.deadlineError?.(uow.execution.definition) ??
        new TimeoutError('Execution exceeded its workflow timeout', 'EXECUTION_TIMEOUT');
      await this.failExecution(uow, error);
      uow.abortReason = error;
    });
  }

  /** Fails the execution: open steps are cancelled, running ones may still record their result. */
  protected async failExecution(uow: UnitOfWork, error: EngineError): Promise<void> {
    const serialized = serializeError(error);
    if (
      !(await uow.moveStatus(['running', 'paused'], 'failed', {
        error: serialized.error,
        cause: serialized.cause,
        endedAt: uow.now,
      }))
    )
      return;
    await uow.saveSteps(closeOpenSteps(uow.snapshot.steps, ['pending', 'retrying'], uow.now, serialized));
    uow.events.push({ type: 'failed', data: { error: serialized.error, cause: serialized.cause } });
  }

  private get leaseMs(): number {
    return this.deps.stepLeaseMs ?? 5000;
  }

  /** The ended execution, or null when the wait ran out (or the run moved to the queue) first. */
  private async waitAtMost(
    finished: Promise<ExecutionRecord | null>,
    executionId: string,
  ): Promise<ExecutionRecord | null> {
    let cancelTimer = () => undefined as void;
    const timedOut = new Promise<null>((resolve) => {
      cancelTimer = this.deps.clock.setTimer(this.deps.immediateWaitMs ?? 30_000, () => resolve(null));
    });
    const ended = await Promise.race([finished, timedOut]);
    cancelTimer();
    this.journal.forgetWaiters(executionId);
    return ended;
  }
}
