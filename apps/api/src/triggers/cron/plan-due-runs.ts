import type { DuePlan, TriggerRecord } from '@baton/persistence';
import { cronRunsBetween, nextCronRun, type CronSpec } from './cron-schedule';

/** What happens to runs that fell due while no scheduler was ticking. */
export type CatchUpPolicy = 'none' | 'latest' | 'all';
export const CATCH_UP_POLICIES: readonly CatchUpPolicy[] = ['none', 'latest', 'all'];

export interface DuePlanOptions {
  /** Most missed runs the `all` policy starts at once (the most recent ones). */
  catchUpMax: number;
  /** A slot at most this late counts as on time, not missed (covers tick jitter and short hiccups). */
  onTimeGraceMs: number;
}

/**
 * Decides, for a trigger whose `next_run_at` has passed, which slots run now and when it is next
 * due. Pure, so the catch-up and DST rules are tested with fixed instants.
 * - `none`: only the latest slot, and only if it is no later than the grace; missed runs are dropped.
 * - `latest`: the latest due slot, however late (one run stands for all that were missed).
 * - `all`: every due slot, bounded to the most recent `catchUpMax`.
 * A one-time trigger runs its instant exactly once, however late, and is then done.
 */
export function planDueRuns(
  trigger: Pick<TriggerRecord, 'type' | 'config' | 'nextRunAt'>,
  now: Date,
  options: DuePlanOptions,
): DuePlan {
  const dueFrom = trigger.nextRunAt as Date;
  if (trigger.type === 'once') return { runs: [dueFrom], nextRunAt: null };
  const spec = trigger.config as unknown as CronSpec & { catchUp?: CatchUpPolicy };
  const policy = spec.catchUp ?? 'none';
  const due = cronRunsBetween(spec, dueFrom, now, policy === 'all' ? options.catchUpMax : 1);
  const latest = due[due.length - 1];
  let runs: Date[];
  if (policy === 'all') runs = due;
  else if (!latest) runs = [];
  else if (policy === 'latest') runs = [latest];
  else runs = now.getTime() - latest.getTime() <= options.onTimeGraceMs ? [latest] : [];
  return { runs, nextRunAt: nextCronRun(spec, now) };
}
