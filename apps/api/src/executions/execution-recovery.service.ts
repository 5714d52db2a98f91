import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ChildExecutions, WorkflowEngine } from '@baton/engine';
import type { BatonConfig } from '../config/baton-config';
import { BATON_CONFIG } from '../config/baton-config.token';

/**
 * At worker boot and then every `BATON_RECOVERY_INTERVAL_MS` (30 s): starts `pending` executions whose start was lost (a crash
 * between commit and scheduling) and re-schedules open steps of running executions whose jobs
 * are gone. Any number of workers may do this at once: job ids are deterministic (scheduling a
 * job that exists is a no-op), status moves are compare-and-set, and a step still `running`
 * elsewhere is protected by its lease. Child executions whose end never reached their waiting
 * parent (or whose parent's cancel never reached them) are settled too.
 */
@Injectable()
export class ExecutionRecoveryService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Recovery');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;

  constructor(
    private readonly engine: WorkflowEngine,
    private readonly children: ChildExecutions,
    @Inject(BATON_CONFIG) private readonly config: BatonConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.recover();
    this.timer = setInterval(() => void this.recover(), this.config.recoveryIntervalMs);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async recover(): Promise<void> {
    if (this.running) return;
    this.running = this.engine
      .recoverStalledWork()
      .then(async (scheduled) => {
        if (scheduled) this.logger.log(`Re-scheduled ${scheduled} lost start(s) or open step(s)`);
        // Child executions whose end (or whose parent's cancel) was not passed on: a crash in between.
        const settled = await this.children.recoverLostEnds(new Date());
        if (settled) this.logger.log(`Passed on ${settled} lost child execution end(s) or cancel(s)`);
      })
      .catch((error: unknown) => this.logger.warn(`recovery pass failed: ${String(error)}`))
      .finally(() => (this.running = null));
    await this.running;
  }
}
