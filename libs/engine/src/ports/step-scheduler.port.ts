import type { StepJob } from '../execution/execution-record.js';

export interface ScheduleOptions {
  /** Run no earlier than this many ms from now (retry back-off, delay node). */
  delayMs?: number;
  /** Lower runs first (BullMQ convention). */
  priority?: number;
}

/**
 * Queues one step attempt. Implementations must use the job id `executionId:stepId:attempt`
 * (see `jobIdOf`) so scheduling a job that is still waiting, delayed or active is a no-op, and
 * must drop finished jobs so the engine can schedule the same id again after pause or recovery.
 */
export abstract class StepScheduler {
  abstract schedule(job: StepJob, options?: ScheduleOptions): Promise<void>;
  /**
   * Queues several step attempts; a queue that can add many jobs in one round trip overrides
   * it (the iterations a Map starts, the successors of a step).
   */
  async scheduleMany(entries: Array<{ job: StepJob; options?: ScheduleOptions }>): Promise<void> {
    for (const { job, options } of entries) await this.schedule(job, options);
  }
  /** Drops an execution's jobs that have not started yet (in-process schedulers handing work over). */
  discardWaiting?(executionId: string): void;
}

/**
 * What running a job asks of its queue: nothing (done), or to keep the same job id and run it
 * again after `retryAfterMs` (an execution waiting for admission). Queues keep the id so
 * recovery scheduling it again is still a no-op.
 */
export type StepJobResult = { retryAfterMs: number } | void;
