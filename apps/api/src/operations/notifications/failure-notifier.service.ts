import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { type CancelTimer, Clock, type ExecutionEvent } from '@baton/engine';
import { type DueFailureNotification, FailureNotificationRepository } from '@baton/persistence';
import { LocalEventSink } from '../../engine-wiring/local-event.sink';
import { BatonMetrics } from '../../observability/metrics/baton-metrics';
import { FAILURE_CHANNEL_SERVICES } from './failure-channel-services.token';
import { type ChannelServices, sendFailureEmail, sendFailureWebhook } from './failure-channels';
import { buildFailureReport } from './failure-report';
import { notificationRetryAt } from './notification-retry-at';

/** How often each process looks for due (retried, or missed) notifications. */
export const NOTIFICATION_POLL_MS = 15_000;
/** A claimed notification not settled within this long (its process died) is tried again. */
const CLAIM_LEASE_MS = 60_000;
const CLAIM_BATCH = 20;
const RECORD_AGAIN_MS = 1000;
/** Failures this recent are checked for notifications no process recorded (it died first). */
const MISSED_WINDOW_MS = 24 * 3600_000;

/**
 * On-failure notifications. A `failed` execution event committed in this process records the
 * notifications its workflow asks for in the outbox and starts a delivery pass off the engine's
 * path (the run never waits for, or fails with, a notification); every process also polls the
 * outbox for retries. Delivery claims rows with SKIP LOCKED, so each is sent by one process.
 */
@Injectable()
export class FailureNotifier implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('FailureNotifier');
  private unsubscribe: (() => void) | null = null;
  private cancelTimer: CancelTimer | null = null;
  private delivering: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    private readonly outbox: FailureNotificationRepository,
    private readonly events: LocalEventSink,
    private readonly metrics: BatonMetrics,
    private readonly clock: Clock,
    @Inject(FAILURE_CHANNEL_SERVICES) private readonly services: ChannelServices,
  ) {}

  onApplicationBootstrap(): void {
    this.unsubscribe = this.events.subscribe((event) => this.observe(event));
    this.schedulePoll();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    this.cancelTimer?.();
    await this.delivering;
  }

  /** Records missed notifications and delivers everything due; concurrent calls share one pass. */
  async deliverDue(): Promise<void> {
    if (this.delivering) {
      this.again = true;
      return this.delivering;
    }
    this.delivering = (async () => {
      try {
        do {
          this.again = false;
          const now = this.clock.now();
          await this.outbox.enqueueMissed(new Date(now - MISSED_WINDOW_MS), new Date(now));
          for (;;) {
            const due = await this.outbox.claimDue(new Date(this.clock.now()), CLAIM_BATCH, CLAIM_LEASE_MS);
            await Promise.all(due.map((notification) => this.deliver(notification)));
            if (due.length < CLAIM_BATCH || this.stopped) break;
          }
        } while (this.again && !this.stopped);
      } finally {
        this.delivering = null;
      }
    })();
    return this.delivering;
  }

  private observe(event: ExecutionEvent): void {
    if (event.type !== 'failed' || this.stopped) return;
    // After the publish returns: the event sink must never wait for (or fail with) a notification.
    setImmediate(() => this.record(event.executionId, true));
  }

  /**
   * An express run's row is written just after its events are published, so the first look may
   * not find it yet: one more look a moment later; the poll catches anything after that.
   */
  private record(executionId: string, lookAgain: boolean): void {
    this.outbox
      .enqueue(executionId, new Date(this.clock.now()))
      .then((added) => {
        if (added) return this.deliverDue();
        if (lookAgain && !this.stopped) this.clock.setTimer(RECORD_AGAIN_MS, () => this.record(executionId, false));
      })
      .catch((error: unknown) => this.logger.warn(`failure notification not recorded: ${String(error)}`));
  }

  private schedulePoll(): void {
    if (this.stopped) return;
    this.cancelTimer = this.clock.setTimer(NOTIFICATION_POLL_MS, () => {
      this.deliverDue()
        .catch((error: unknown) => this.logger.warn(`failure notifications not delivered: ${String(error)}`))
        .finally(() => this.schedulePoll());
    });
  }

  private async deliver(notification: DueFailureNotification): Promise<void> {
    const { executionId, channel, attempt } = notification;
    const report = buildFailureReport(notification);
    try {
      if (channel === 'webhook' && notification.settings.webhook) {
        await sendFailureWebhook(notification.settings.webhook, report, this.services);
      } else if (channel === 'email' && notification.settings.email) {
        await sendFailureEmail(notification.settings.email, report, this.services);
      } else {
        // The workflow stopped asking for this channel since the failure: nothing left to send.
        await this.outbox.markFailed(
          executionId,
          channel,
          'channel no longer configured',
          null,
          new Date(this.clock.now()),
        );
        return;
      }
      await this.outbox.markDelivered(executionId, channel, new Date(this.clock.now()));
      this.metrics.failureNotifications.inc({ channel, outcome: 'delivered' });
    } catch (error) {
      const now = this.clock.now();
      const retryAt = notificationRetryAt(attempt, now);
      const message = error instanceof Error ? error.message : String(error);
      await this.outbox.markFailed(executionId, channel, message, retryAt, new Date(now));
      this.metrics.failureNotifications.inc({ channel, outcome: retryAt ? 'retrying' : 'gave_up' });
      this.logger.warn(
        `${channel} notification of failed execution ${executionId} (attempt ${attempt}) ${retryAt ? 'will be retried' : 'given up'}: ${message}`,
      );
    }
  }
}
