import { describe, expect, it } from '@jest/globals';
import { planDueRuns, type CatchUpPolicy } from './plan-due-runs';

const options = { catchUpMax: 3, onTimeGraceMs: 60_000 };
const cron = (catchUp: CatchUpPolicy, nextRunAt: string) => ({
  type: 'cron' as const,
  config: { expression: '0 * * * *', timezone: 'UTC', catchUp },
  nextRunAt: new Date(nextRunAt),
});
const iso = (plan: { runs: Date[]; nextRunAt: Date | null }) => ({
  runs: plan.runs.map((d) => d.toISOString()),
  next: plan.nextRunAt?.toISOString() ?? null,
});

describe('planDueRuns', () => {
  it('runs an on-time slot under every policy and advances to the next slot', () => {
    for (const policy of ['none', 'latest', 'all'] as const) {
      expect(
        iso(planDueRuns(cron(policy, '2030-01-01T10:00:00Z'), new Date('2030-01-01T10:00:00.800Z'), options)),
      ).toEqual({
        runs: ['2030-01-01T10:00:00.000Z'],
        next: '2030-01-01T11:00:00.000Z',
      });
    }
  });

  it('after five missed hours: none drops them, latest runs the last, all runs the most recent three', () => {
    const now = new Date('2030-01-01T14:30:00Z');
    expect(iso(planDueRuns(cron('none', '2030-01-01T10:00:00Z'), now, options))).toEqual({
      runs: [],
      next: '2030-01-01T15:00:00.000Z',
    });
    expect(iso(planDueRuns(cron('latest', '2030-01-01T10:00:00Z'), now, options))).toEqual({
      runs: ['2030-01-01T14:00:00.000Z'],
      next: '2030-01-01T15:00:00.000Z',
    });
    expect(iso(planDueRuns(cron('all', '2030-01-01T10:00:00Z'), now, options))).toEqual({
      runs: ['2030-01-01T12:00:00.000Z', '2030-01-01T13:00:00.000Z', '2030-01-01T14:00:00.000Z'],
      next: '2030-01-01T15:00:00.000Z',
    });
  });

  it('runs a one-time trigger once however late, then it is done', () => {
    const plan = planDueRuns(
      { type: 'once', config: { at: '2030-01-01T10:00:00.000Z' }, nextRunAt: new Date('2030-01-01T10:00:00Z') },
      new Date('2030-01-02T00:00:00Z'),
      options,
    );
    expect(iso(plan)).toEqual({ runs: ['2030-01-01T10:00:00.000Z'], next: null });
  });
});
