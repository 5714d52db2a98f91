import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { InvalidInputError } from '@baton/engine';
import { type ClaimedRun, TriggerRepository } from '@baton/persistence';
import { DomainError } from '../common/domain.error';
import { BatonMetrics } from '../observability/metrics/baton-metrics';
import { BATON_CONFIG } from '../config/baton-config.token';
import type { BatonConfig } from '../config/baton-config';
import { planDueRuns } from './cron/plan-due-runs';
import { TriggerClock } from './trigger-clock';
import { isDuplicateStart, TriggerStarter } from './trigger-starter.service';

const TICK_INTERVAL_NAME = 'baton-trigger-scheduler';
/** Due triggers claimed per transaction; a busy tick simply claims the rest on the next one. */
const CLAIM_BATCH = 100;
/** A committed run not marked started after this long lost its process: start it again (same id). */
const STALE_RUN_MS = 60_000;
const MAINTENANCE_EVERY_MS = 30_000;

/**
 * The database-driven scheduler. Every process that serves the API ticks (driven by
 * @nestjs/schedule's registry); each tick claims due cron and one-time triggers with
 * `FOR UPDATE SKIP LOCKED`, so with several processes every due slot starts exactly once:
 * the run row (unique per trigger and slot) and the advanced `next_run_at` commit together,
 * then the execution starts with the id recorded in that row.
 */
@Injectable()
export class TriggerScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('TriggerScheduler');
  private ticking: Promise<void> | null = null;
  private stopped = false;
  private lastMaintenance = 0;

  constructor(
    private readonly triggers: TriggerRepository,
    private readonly starter: TriggerStarter,
    private readonly clock: TriggerClock,
    private readonly registry: SchedulerRegistry,
    @Inject(BATON_CONFIG) private readonly config: BatonConfig,
    private readonly metrics: BatonMetrics,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.triggers.schedulerEnabled) return;
    const timer = setInterval(() => void this.tickInBackground(), this.config.triggers.schedulerTickMs);
    // Never the reason a process stays alive: an app that failed to close must still exit.
    timer.unref();
    this.registry.addInterval(TICK_INTERVAL_NAME, timer);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.registry.doesExist('interval', TICK_INTERVAL_NAME)) this.registry.deleteInterval(TICK_INTERVAL_NAME);
    await this.ticking;
  }

  /**
   * Claims and starts everything due at `now`. Public so tests drive it with fixed instants
   * (the clock is injectable); returns the runs this call claimed.
   */
  async tick(now: Date = this.clock.now()): Promise<ClaimedRun[]> {
    const { catchUpMax } = this.config.triggers;
    // A slot up to a few ticks late (or a minute, whichever is longer) is on time, not missed.
    const onTimeGraceMs = Math.max(60_000, 5 * this.config.triggers.schedulerTickMs);
    const claimed = await this.triggers.claimDue(now, CLAIM_BATCH, (trigger) => {
      try {
        return planDueRuns(trigger, now, { catchUpMax, onTimeGraceMs });
      } catch (error) {
        // One unreadable schedule must not roll back every other trigger's claim: park it (no next run).
        this.logger.error(`Trigger ${trigger.id} has an unusable schedule and stops: ${(error as Error).message}`);
        return { runs: [], nextRunAt: null };
      }
    });
    for (const run of claimed) await this.startRun(run);
    return claimed;
  }

  /** Repairs runs whose process died between commit and start, and expires idempotency keys. */
  async maintain(now: Date = this.clock.now()): Promise<void> {
    for (const run of await this.triggers.findUnstartedRuns(new Date(now.getTime() - STALE_RUN_MS), CLAIM_BATCH)) {
      if (run.executionExists) await this.triggers.markRunStarted(run.runId);
      else await this.startRun(run);
    }
    await this.triggers.deleteExpiredIdempotencyKeys(now);
    await this.triggers.deleteExpiredSignatures(now);
  }

  private async tickInBackground(): Promise<void> {
    // Never overlap ticks in one process: a slow tick delays the next instead of racing it.
    if (this.ticking || this.stopped) return;
    this.ticking = (async () => {
      try {
        const now = this.clock.now();
        await this.tick(now);
        if (now.getTime() - this.lastMaintenance >= MAINTENANCE_EVERY_MS) {
          this.lastMaintenance = now.getTime();
          await this.maintain(now);
        }
      } catch (error) {
        if (!this.stopped) this.logger.error(`Scheduler tick failed: ${(error as Error).stack ?? String(error)}`);
      } finally {
        this.ticking = null;
      }
    })();
    await this.ticking;
  }

  /** Due (the slot) versus started (now): a slow tick, a busy database or a missed slot caught up. */
  private observeLag(run: ClaimedRun): void {
    const seconds = (this.clock.now().getTime() - run.scheduledFor.getTime()) / 1000;
    this.metrics.schedulerLag.observe({ trigger_type: run.type }, Math.max(0, seconds));
  }

  private async startRun(run: ClaimedRun): Promise<void> {
    try {
      await this.starter.start({
        workspaceId: run.workspaceId,
        workflowId: run.workflowId,
        executionId: run.executionId,
        trigger: run.type === 'once' ? 'once' : 'cron',
        input: { trigger: { id: run.triggerId, type: run.type, scheduledFor: run.scheduledFor.toISOString() } },
        // Queued, never immediate: the tick must not wait for workflows to finish.
        mode: 'queued',
      });
      this.observeLag(run);
      await this.triggers.markRunStarted(run.runId);
    } catch (error) {
      if (isDuplicateStart(error)) return this.triggers.markRunStarted(run.runId);
      const message = error instanceof Error ? error.message : String(error);
      this.logger.warn(
        `Trigger ${run.triggerId} could not start its run for ${run.scheduledFor.toISOString()}: ${message}`,
      );
      // A refused start (invalid definition, workflow gone) is final and recorded; anything else
      // (database or queue trouble) stays unstarted, and maintain() tries the same id again.
      if (error instanceof InvalidInputError || error instanceof DomainError)
        await this.triggers.markRunFailed(run.runId, message);
    }
  }
}
