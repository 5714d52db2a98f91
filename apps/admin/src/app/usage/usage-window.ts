/** A report window as the page shows it: whole UTC days, both ends included (`YYYY-MM-DD`). */
export interface UsageWindow {
  readonly fromDay: string;
  readonly toDay: string;
}

const DAY_MS = 86_400_000;

/** The current UTC month up to today. */
export function currentMonthWindow(now: Date): UsageWindow {
  const today = now.toISOString().slice(0, 10);
  return { fromDay: `${today.slice(0, 7)}-01`, toDay: today };
}

/** The API's half-open `[from, to)` instants for a window of whole days. */
export function windowToRange(window: UsageWindow): { from: string; to: string } {
  const from = new Date(`${window.fromDay}T00:00:00.000Z`);
  const to = new Date(new Date(`${window.toDay}T00:00:00.000Z`).getTime() + DAY_MS);
  return { from: from.toISOString(), to: to.toISOString() };
}
