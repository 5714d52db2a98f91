import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { WorkflowEngine, type StepJob } from '@baton/engine';
import type { Job } from 'bullmq';
import type { BatonConfig } from '../config/baton-config';
import { BATON_CONFIG } from '../config/baton-config.token';
import { QUEUE_NAMES } from '../queue/queue-names';

/**
 * Runs one step attempt per job. The engine is idempotent per job id, so BullMQ re-delivering a
 * job whose worker died (stalled) re-runs at most the step that was in flight.
 */
@Processor(QUEUE_NAMES.steps)
export class StepProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(StepProcessor.name);

  constructor(
    private readonly engine: WorkflowEngine,
    @Inject(BATON_CONFIG) private readonly config: BatonConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.workerConcurrency;
  }

  async process(job: Job<StepJob>): Promise<void> {
    try {
      await this.engine.runStep(job.data);
    } catch (error) {
      // A failure here is infrastructure (database down), not the node: let BullMQ record it and
      // leave the step open; recovery re-schedules it.
      this.logger.error(`step job ${job.id} failed: ${(error as Error).stack ?? error}`);
      throw error;
    }
  }
}
