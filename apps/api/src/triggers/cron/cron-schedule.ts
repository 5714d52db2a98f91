import { Cron } from 'croner';

/** A cron trigger's schedule: a 5-field expression (or 6 with a leading seconds field) in an IANA zone. */
export interface CronSpec {
  expression: string;
  timezone: string;
}

/** Runs compared when checking the minimum interval: enough to see a day's pattern of most schedules. */
const INTERVAL_SAMPLE = 200;

/** Parses without scheduling anything (croner's `paused`): we only ask it for times. */
function compile(spec: CronSpec): Cron {
  return new Cron(spec.expression, { timezone: spec.timezone, paused: true, mode: '5-or-6-parts' });
}

export function isIanaTimezone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Every problem with a schedule, each naming its field, for a 400. `minIntervalSeconds` bounds how
 * often a trigger may fire (BATON_CRON_MIN_INTERVAL_SECONDS) so one trigger cannot flood the queue.
 */
export function checkCronSpec(spec: CronSpec, minIntervalSeconds: number, from: Date): string[] {
  if (!isIanaTimezone(spec.timezone))
    return [`timezone: "${spec.timezone}" is not an IANA time zone (e.g. "Europe/Berlin", "UTC")`];
  let cron: Cron;
  try {
    cron = compile(spec);
  } catch (error) {
    return [
      `expression: "${spec.expression}" is not a valid cron expression: ${(error as Error).message.replace(/^CronPattern: /, '')}`,
    ];
  }
  const runs = cron.nextRuns(INTERVAL_SAMPLE, from);
  if (!runs.length) return [`expression: "${spec.expression}" never runs`];
  for (let i = 1; i < runs.length; i++) {
    const gapSeconds = (runs[i].getTime() - runs[i - 1].getTime()) / 1000;
    if (gapSeconds < minIntervalSeconds) {
      return [
        `expression: "${spec.expression}" runs ${gapSeconds} s apart; the minimum interval is ${minIntervalSeconds} s (BATON_CRON_MIN_INTERVAL_SECONDS)`,
      ];
    }
  }
  return [];
}

/** The next `count` run instants strictly after `after` (croner applies the zone's DST rules). */
export function nextCronRuns(spec: CronSpec, after: Date, count: number): Date[] {
  return compile(spec).nextRuns(count, after);
}

export function nextCronRun(spec: CronSpec, after: Date): Date | null {
  return compile(spec).nextRun(after);
}

/** Up to `max` run instants in [from, until], oldest first. */
export function cronRunsBetween(spec: CronSpec, from: Date, until: Date, max: number): Date[] {
  // previousRuns is exclusive of its reference, so look back from just after `until`.
  return compile(spec)
    .previousRuns(max, new Date(until.getTime() + 1))
    .filter((run) => run.getTime() >= from.getTime())
    .reverse();
}
