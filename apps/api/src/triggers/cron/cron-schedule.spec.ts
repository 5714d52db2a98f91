import { describe, expect, it } from '@jest/globals';
import { checkCronSpec, cronRunsBetween, nextCronRuns } from './cron-schedule';

const iso = (dates: Date[]) => dates.map((d) => d.toISOString());
const from = new Date('2030-01-01T00:00:00Z');

describe('cron schedule', () => {
  it('names the field of an invalid expression, zone or too-short interval', () => {
    expect(checkCronSpec({ expression: '61 * * * *', timezone: 'UTC' }, 300, from)[0]).toMatch(
      /^expression: "61 \* \* \* \*" is not a valid cron expression/,
    );
    expect(checkCronSpec({ expression: '* * * *', timezone: 'UTC' }, 300, from)[0]).toMatch(/^expression: /);
    expect(checkCronSpec({ expression: '0 * * * *', timezone: 'Mars/Olympus' }, 300, from)).toEqual([
      'timezone: "Mars/Olympus" is not an IANA time zone (e.g. "Europe/Berlin", "UTC")',
    ]);
    expect(checkCronSpec({ expression: '* * * * *', timezone: 'UTC' }, 300, from)).toEqual([
      'expression: "* * * * *" runs 60 s apart; the minimum interval is 300 s (BATON_CRON_MIN_INTERVAL_SECONDS)',
    ]);
    expect(checkCronSpec({ expression: '*/5 * * * *', timezone: 'Europe/Berlin' }, 300, from)).toEqual([]);
    expect(checkCronSpec({ expression: '*/3 * * * * *', timezone: 'UTC' }, 2, from)).toEqual([]);
  });

  it('runs a daily 02:30 New York job once on the spring-forward day (at 03:00 EDT) and once on the fall-back day', () => {
    // 2030-03-10: 02:00 EST jumps to 03:00 EDT, so 02:30 does not exist that day.
    expect(
      iso(
        nextCronRuns({ expression: '30 2 * * *', timezone: 'America/New_York' }, new Date('2030-03-09T00:00:00Z'), 3),
      ),
    ).toEqual(['2030-03-09T07:30:00.000Z', '2030-03-10T07:00:00.000Z', '2030-03-11T06:30:00.000Z']);
    // 2030-11-03: 01:30 happens twice (EDT, then EST); a fixed-time job runs on the first only.
    expect(
      iso(
        nextCronRuns({ expression: '30 1 * * *', timezone: 'America/New_York' }, new Date('2030-11-02T00:00:00Z'), 3),
      ),
    ).toEqual(['2030-11-02T05:30:00.000Z', '2030-11-03T05:30:00.000Z', '2030-11-04T06:30:00.000Z']);
  });

  it('lists the slots in a window, oldest first, bounded to the most recent ones', () => {
    const spec = { expression: '*/10 * * * *', timezone: 'UTC' };
    expect(iso(cronRunsBetween(spec, new Date('2030-01-01T00:00:00Z'), new Date('2030-01-01T00:35:00Z'), 10))).toEqual([
      '2030-01-01T00:00:00.000Z',
      '2030-01-01T00:10:00.000Z',
      '2030-01-01T00:20:00.000Z',
      '2030-01-01T00:30:00.000Z',
    ]);
    expect(iso(cronRunsBetween(spec, new Date('2030-01-01T00:00:00Z'), new Date('2030-01-01T00:35:00Z'), 2))).toEqual([
      '2030-01-01T00:20:00.000Z',
      '2030-01-01T00:30:00.000Z',
    ]);
  });
});
