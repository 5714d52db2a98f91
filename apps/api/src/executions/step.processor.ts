import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { WorkflowEngine, type StepJob } from '@baton/engine';
import { DelayedError, type Job, type WorkerOptions } from 'bullmq';
import type { BatonConfig } from '../config/baton-config';
import { BATON_CONFIG } from '../config/baton-config.token';
import { QUEUE_NAMES } from '../queue/queue-names';

// @nestjs/bullmq builds the worker from these decorator options once every provider exists, so
// the constructor below can still fill in the configured lock and stall settings.
const STEP_WORKER_OPTIONS: Partial<WorkerOptions> = {};

/**
 * Runs one step attempt per job. The engine is idempotent per job id, so BullMQ re-delivering a
 * job whose worker died (stalled) re-runs at most the step that was in flight. A job the engine
 * asks to run again later (an execution waiting for admission, a step whose previous runner's
 * lease has not run out yet) is moved back to delayed under the same id.
 */
@Processor(QUEUE_NAMES.steps, STEP_WORKER_OPTIONS)
export class StepProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(StepProcessor.name);

  constructor(
    private readonly engine: WorkflowEngine,
    @Inject(BATON_CONFIG) private readonly config: BatonConfig,
  ) {
    super();
    Object.assign(STEP_WORKER_OPTIONS, { lockDuration: config.stepLockMs, stalledInterval: config.stalledCheckMs });
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.workerConcurrency;
  }

  async process(job: Job<StepJob>, token?: string): Promise<void> {
    let result;
    try {
      result = await this.engine.runStep(job.data);
    } catch (error) {
      // A failure here is infrastructure (database down), not the node: let BullMQ record it and
      // leave the step open; recovery re-schedules it.
      this.logger.error(`step job ${job.id} failed: ${(error as Error).stack ?? error}`);
      throw error;
    }
    if (result) {
      // Keeps the job id, so recovery scheduling the same job meanwhile stays a no-op.
      await job.moveToDelayed(Date.now() + Math.max(1, Math.ceil(result.retryAfterMs)), token);
      throw new DelayedError();
    }
  }
}
