import { jobIdOf, type StepJob } from '../execution/execution-record.js';
import type { Clock } from '../ports/clock.port.js';
import { type ScheduleOptions, type StepJobResult, StepScheduler } from '../ports/step-scheduler.port.js';

export type StepRunner = (job: StepJob) => Promise<StepJobResult>;

/**
 * Runs step jobs in this process on the clock's timers: the `immediate` mode path and the test
 * harness. Same contract as the queue: a job id that is waiting or running is not added twice.
 * Nothing survives a restart; crash recovery moves open work to the durable queue.
 */
export class InProcessStepScheduler extends StepScheduler {
  private runner: StepRunner | null = null;
  private readonly waiting = new Map<string, { job: StepJob; cancel: () => void; dueNow: boolean }>();
  private readonly active = new Set<string>();
  private dueNow = 0;
  private progress = 0;

  constructor(
    private readonly clock: Clock,
    private readonly onError: (error: unknown, job: StepJob) => void = () => undefined,
  ) {
    super();
  }

  /** Connects the runner (usually `engine.runStep`) after both objects exist. */
  attach(runner: StepRunner): void {
    this.runner = runner;
  }

  async schedule(job: StepJob, options: ScheduleOptions = {}): Promise<void> {
    if (!this.runner) throw new Error('InProcessStepScheduler.attach() was not called');
    const id = jobIdOf(job);
    if (this.waiting.has(id) || this.active.has(id)) return;
    const delayMs = Math.max(0, options.delayMs ?? 0);
    if (delayMs === 0) this.dueNow++;
    const cancel = this.clock.setTimer(delayMs, () => {
      if (delayMs === 0) this.dueNow--;
      this.waiting.delete(id);
      void this.run(id, job);
    });
    this.waiting.set(id, { job, cancel, dueNow: delayMs === 0 });
  }

  /** Drops the execution's jobs whose timers have not fired; running ones go on. */
  override discardWaiting(executionId: string): void {
    for (const [id, waiting] of this.waiting) {
      if (waiting.job.executionId !== executionId) continue;
      waiting.cancel();
      if (waiting.dueNow) this.dueNow--;
      this.waiting.delete(id);
    }
  }

  /** Jobs waiting for their timer or running. */
  get size(): number {
    return this.waiting.size + this.active.size;
  }

  /** Resolves when no job is running or due now (delayed jobs may still wait for the clock). */
  async whenIdle(): Promise<void> {
    while (this.active.size > 0 || this.dueNow > 0) {
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /**
   * Like `whenIdle`, but also resolves once no job has started or finished for `quietTurns`
   * event-loop turns: jobs blocked on something outside (a gate, a timer) do not hold it.
   */
  async whenQuiet(quietTurns = 25): Promise<void> {
    let seen = this.progress;
    let quiet = 0;
    while ((this.active.size > 0 || this.dueNow > 0) && quiet < quietTurns) {
      await new Promise((resolve) => setImmediate(resolve));
      quiet = this.progress === seen ? quiet + 1 : 0;
      seen = this.progress;
    }
  }

  /** Drops all waiting jobs (shutdown). */
  clear(): void {
    for (const waiting of this.waiting.values()) waiting.cancel();
    this.waiting.clear();
    this.dueNow = 0;
  }

  private async run(id: string, job: StepJob): Promise<void> {
    this.active.add(id);
    this.progress++;
    let result: StepJobResult = undefined;
    try {
      result = await this.runner!(job);
    } catch (error) {
      this.onError(error, job);
    } finally {
      this.active.delete(id);
      this.progress++;
    }
    // Same id again later, as a queue's "move to delayed" keeps it.
    if (result) await this.schedule(job, { delayMs: result.retryAfterMs });
  }
}
