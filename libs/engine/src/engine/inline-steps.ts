import type { StepJob } from '../execution/execution-record.js';
import type { NodeLogger, NodeServices } from '../nodes/node-type.js';
import type { Clock } from '../ports/clock.port.js';
import type { UnitOfWork } from './execution-journal.js';
import { type AttemptOutcome, runNodeAttempt } from './run-node-attempt.js';
import { scopedLogger } from './scoped-logger.js';
import { startAttempt } from './start-attempt.js';
import type { PreparedStep, WorkflowInterpreter } from './workflow-interpreter.js';

/**
 * Most step attempts one unit of work runs inline; what is left is queued as usual. Bounds how
 * long the execution stays locked and how large one commit gets (a 10,000-item Map of Pass
 * states goes through in commits of this many iterations, not in one).
 */
export const INLINE_STEPS_PER_UNIT = 200;

export interface InlineStepsDeps {
  clock: Clock;
  logger: NodeLogger;
  services: NodeServices;
  interpreterFor(format: string): WorkflowInterpreter;
  /** Records the attempt's outcome exactly as a queued attempt's (and plans what follows). */
  record(uow: UnitOfWork, job: StepJob, prepared: PreparedStep, outcome: AttemptOutcome): Promise<void>;
}

/**
 * Runs the steps an interpreter declares pure (`runsInline`: an ASL Pass, Choice, Succeed or
 * Fail state, a Map or Parallel starting) inside the unit of work that queued them, instead of a
 * queue job and two more units of work each. The journal records them exactly as queued
 * attempts (rows, `step_started` and `step_completed` events), all committed together with the
 * outcome that led to them: a crash before that commit loses the whole unit, which its own job
 * then runs again.
 */
export class InlineSteps {
  private readonly active = new WeakSet<UnitOfWork>();

  constructor(private readonly deps: InlineStepsDeps) {}

  /** Runs due inline steps the unit of work planned; a call from inside a run (a nested advance) returns at once. */
  async run(uow: UnitOfWork): Promise<void> {
    const interpreter = this.deps.interpreterFor(uow.execution.format);
    if (!interpreter.runsInline || !uow.runsInline || this.active.has(uow)) return;
    this.active.add(uow);
    try {
      for (let ran = 0; ran < INLINE_STEPS_PER_UNIT && uow.execution.status === 'running'; ran++) {
        const at = uow.jobs.findIndex((job) => {
          if (job.delayMs > 0 || job.stepId.startsWith('$')) return false;
          const step = uow.step(job.stepId);
          return (
            step?.status === 'pending' && step.attempt === job.attempt && interpreter.runsInline!(uow.snapshot, step)
          );
        });
        if (at < 0) return;
        const [planned] = uow.jobs.splice(at, 1);
        await this.attempt(uow, interpreter, {
          executionId: uow.execution.id,
          stepId: planned.stepId,
          attempt: planned.attempt,
        });
      }
    } finally {
      this.active.delete(uow);
    }
  }

  private async attempt(uow: UnitOfWork, interpreter: WorkflowInterpreter, job: StepJob): Promise<void> {
    const step = uow.step(job.stepId)!;
    const prepared = await interpreter.prepareStep(uow.snapshot, step);
    await startAttempt(uow, step, job, prepared);
    const scope = { executionId: job.executionId, stepId: job.stepId, attempt: job.attempt };
    const outcome: AttemptOutcome = prepared.inputError
      ? { ok: false, error: prepared.inputError }
      : await runNodeAttempt({
          nodeType: prepared.nodeType,
          input: prepared.input,
          controller: new AbortController(),
          timeoutMs: null,
          clock: this.deps.clock,
          ctx: {
            ...scope,
            nodeId: step.nodeId,
            idempotencyKey: `${job.executionId}:${job.stepId}:${job.attempt}`,
            services: this.deps.services,
            log: scopedLogger(this.deps.logger, scope),
          },
        });
    await this.deps.record(uow, job, prepared, outcome);
  }
}
