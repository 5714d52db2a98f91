import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { jobIdOf, StepScheduler, type ScheduleOptions, type StepJob } from '@baton/engine';
import type { Queue } from 'bullmq';
import { QUEUE_NAMES } from '../queue/queue-names';

/**
 * BullMQ priority of jobs whose execution has none. BullMQ runs jobs without a priority before
 * every prioritized one, which would make `priority: 1` run last; so unprioritized jobs get a
 * priority below the API's range (1-1000): any explicit priority runs first, 1 before all.
 */
export const UNPRIORITIZED = 1001;

/**
 * Step attempts as BullMQ jobs. The job id is the engine's `executionId:stepId:attempt`, escaped
 * because BullMQ refuses ':' in custom ids; adding a job whose id is still queued is a no-op.
 * Finished jobs are removed so the same id can be scheduled again after pause or recovery.
 */
@Injectable()
export class BullmqStepScheduler extends StepScheduler {
  constructor(@InjectQueue(QUEUE_NAMES.steps) private readonly steps: Queue) {
    super();
  }

  async schedule(job: StepJob, options: ScheduleOptions = {}): Promise<void> {
    await this.steps.add('step', job, bullJobOptions(job, options));
  }

  /** One round trip for all of them (BullMQ's addBulk; an id still queued is skipped as with add). */
  override async scheduleMany(entries: Array<{ job: StepJob; options?: ScheduleOptions }>): Promise<void> {
    await this.steps.addBulk(
      entries.map(({ job, options }) => ({ name: 'step', data: job, opts: bullJobOptions(job, options ?? {}) })),
    );
  }
}

function bullJobOptions(job: StepJob, options: ScheduleOptions) {
  return {
    jobId: toBullJobId(job),
    delay: options.delayMs && options.delayMs > 0 ? Math.ceil(options.delayMs) : undefined,
    priority: options.priority && options.priority > 0 ? options.priority : UNPRIORITIZED,
    removeOnComplete: true,
    removeOnFail: true,
    // The engine owns step retries; BullMQ's attempts only cover a job whose worker died.
    attempts: 1,
  };
}

/** Injective escaping of the engine's job id into BullMQ's alphabet (no ':'). */
export function toBullJobId(job: StepJob): string {
  return jobIdOf(job).replace(/%/g, '%25').replace(/:/g, '%3A');
}
