import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { Clock } from '@baton/engine';
import { DeadLetterRepository } from '@baton/persistence';
import { BATON_CONFIG } from '../../config/baton-config.token';
import type { BatonConfig } from '../../config/baton-config';
import { BatonMetrics } from '../../observability/metrics/baton-metrics';
import { stuckLeaseGraceMs } from './stuck-lease-grace';

// Beyond this many the gauge saturates: an installation with 10,000 stuck runs needs no exact count.
const MAX_COUNTED = 10_000;

/**
 * `baton_stuck_executions{reason}` read at scrape time, installation-wide (like the queue depth,
 * every process reports the same numbers: take max, not sum).
 */
@Injectable()
export class StuckExecutionsCollector implements OnModuleInit {
  private readonly logger = new Logger('Metrics');

  constructor(
    private readonly deadLetters: DeadLetterRepository,
    private readonly metrics: BatonMetrics,
    private readonly clock: Clock,
    @Inject(BATON_CONFIG) private readonly config: BatonConfig,
  ) {}

  onModuleInit(): void {
    this.metrics.gauge(
      'baton_stuck_executions',
      "Live executions past their workflow's expected duration, or with a step whose lease expired without recovery",
      ['reason'],
      async (gauge) => {
        try {
          const stuck = await this.deadLetters.findStuck({
            now: new Date(this.clock.now()),
            leaseGraceMs: stuckLeaseGraceMs(this.config),
            workspaceId: null,
            limit: MAX_COUNTED,
          });
          for (const reason of ['over_expected_duration', 'lease_expired'] as const) {
            gauge.set({ reason }, stuck.filter((execution) => execution.reasons.includes(reason)).length);
          }
        } catch (error) {
          this.logger.warn(`stuck executions not counted: ${(error as Error).message}`);
        }
      },
    );
  }
}
