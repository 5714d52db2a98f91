import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  Optional,
} from '@nestjs/common';
import { ArtifactStore, type CancelTimer, Clock } from '@baton/engine';
import { emptyPrunedRows, ExecutionRetentionRepository, type PrunedRows } from '@baton/persistence';
import { BATON_CONFIG } from '../../config/baton-config.token';
import type { BatonConfig } from '../../config/baton-config';
import { BatonMetrics } from '../../observability/metrics/baton-metrics';

/** A run stops after this many batches (500 × 200 = 100,000 executions) and goes on at the next one. */
const MAX_BATCHES_PER_RUN = 200;

/** What one run did. `skipped`: another process held the retention lock. */
export interface RetentionRunReport {
  skipped: boolean;
  batches: number;
  pruned: PrunedRows;
  /** Artifacts whose bytes and rows went (those of pruned executions, and of any other deleted execution). */
  artifacts: number;
}

/**
 * The retention job: every BATON_RETENTION_INTERVAL_SECONDS each process tries it; batches run
 * under the repository's advisory lock, so one process at a time prunes. Time comes from the
 * engine's Clock port, so tests drive both the schedule and the cut-off with a FakeClock.
 */
@Injectable()
export class ExecutionRetentionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Retention');
  private cancelTimer: CancelTimer | null = null;
  private running: Promise<RetentionRunReport> | null = null;
  private stopped = false;

  constructor(
    private readonly repository: ExecutionRetentionRepository,
    private readonly metrics: BatonMetrics,
    private readonly clock: Clock,
    @Inject(BATON_CONFIG) private readonly config: Pick<BatonConfig, 'operations'>,
    @Optional() @Inject(ArtifactStore) private readonly artifacts?: ArtifactStore,
  ) {}

  onApplicationBootstrap(): void {
    this.scheduleNext();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.cancelTimer?.();
    await this.running?.catch(() => undefined);
  }

  /** Prunes everything expired at the clock's now; a call while a run is going joins it. */
  run(): Promise<RetentionRunReport> {
    this.running ??= this.prune().finally(() => (this.running = null));
    return this.running;
  }

  private scheduleNext(): void {
    if (this.stopped) return;
    this.cancelTimer = this.clock.setTimer(this.config.operations.retentionIntervalSeconds * 1000, () => {
      this.run()
        .catch((error: unknown) => this.logger.error(`retention run failed: ${String(error)}`))
        .finally(() => this.scheduleNext());
    });
  }

  private async prune(): Promise<RetentionRunReport> {
    const { retentionDays, retentionFailedDays, retentionBatchSize } = this.config.operations;
    const report: RetentionRunReport = { skipped: false, batches: 0, pruned: emptyPrunedRows(), artifacts: 0 };
    const now = new Date(this.clock.now());
    while (!this.stopped && report.batches < MAX_BATCHES_PER_RUN) {
      const batch = await this.repository.pruneBatch({
        now,
        defaultDays: retentionDays,
        failedDays: retentionFailedDays,
        batchSize: retentionBatchSize,
      });
      if (!batch.locked) {
        report.skipped = report.batches === 0;
        break;
      }
      report.batches++;
      for (const [table, rows] of Object.entries(batch.pruned) as Array<[keyof PrunedRows, number]>) {
        report.pruned[table] += rows;
        if (rows) this.metrics.retentionPrunedRows.inc({ table }, rows);
      }
      if (batch.pruned.executions < retentionBatchSize) break;
    }
    // Deleting an execution row marked its artifacts deleted (a database trigger); their bytes
    // live in the artifact driver (files, chunks or S3), which a SQL statement cannot reach.
    if (!report.skipped && this.artifacts) {
      report.artifacts = await this.artifacts.purgeDeleted();
      if (report.artifacts) this.metrics.retentionPrunedRows.inc({ table: 'artifacts' }, report.artifacts);
    }
    if (!report.skipped) this.metrics.retentionLastRun.set(now.getTime() / 1000);
    if (report.pruned.executions) this.logger.log(`pruned ${report.pruned.executions} executions past retention`);
    return report;
  }
}
