import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { BATON_CONFIG } from '../config/baton-config.token';
import type { BatonConfig } from '../config/baton-config';
import { StepProcessor } from './step.processor';

/**
 * Graceful shutdown of workers: stop taking jobs, give in-flight ones the grace period to
 * finish, then close forcefully. A force-closed job stays active in BullMQ, is detected as
 * stalled and handed to another worker; the engine's idempotency makes that re-run safe.
 */
@Injectable()
export class WorkerDrainService implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Shutdown');

  constructor(
    private readonly steps: StepProcessor,
    @Inject(BATON_CONFIG) private readonly config: BatonConfig,
  ) {}

  async beforeApplicationShutdown(): Promise<void> {
    const worker = this.steps.worker;
    let timer: NodeJS.Timeout | undefined;
    const graceful = worker.close().then(() => true);
    const expired = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), this.config.shutdownGraceMs);
    });
    const finished = await Promise.race([graceful, expired]);
    clearTimeout(timer);
    if (!finished) {
      this.logger.warn(`In-flight jobs did not finish within ${this.config.shutdownGraceMs} ms; handing them back`);
      await worker.close(true);
    }
  }
}
