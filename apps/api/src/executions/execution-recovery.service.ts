import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { WorkflowEngine } from '@baton/engine';

/**
 * When a worker starts, re-schedules open steps of running executions whose jobs were lost
 * (a crash between commit and enqueue). Job ids are deterministic, so steps whose jobs still
 * exist are not duplicated.
 */
@Injectable()
export class ExecutionRecoveryService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Recovery');

  constructor(private readonly engine: WorkflowEngine) {}

  async onApplicationBootstrap(): Promise<void> {
    const rescheduled = await this.engine.recoverStalledWork();
    if (rescheduled) this.logger.log(`Re-scheduled ${rescheduled} open step(s) of running executions`);
  }
}
