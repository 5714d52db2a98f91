import { isDeepStrictEqual } from 'node:util';
import pg from 'pg';
import type { StartAttempt } from './chaos-load';
import { expectedOutput, REJECTED_ERROR } from './chaos-workflows';
import { type SideEffectSink, stepOf } from './side-effect-sink';

const TERMINAL = ['completed', 'failed', 'cancelled'];

interface ExecutionRow {
  id: string;
  status: string;
  durability: string;
  error: string | null;
  run_key: string | null;
  output: unknown;
  ended_at: Date | null;
}

interface EventRow {
  execution_id: string;
  sequence: number;
  type: string;
  step_id: string | null;
}

/** What one scenario ended with, counted from the database and the sink. */
export interface ChaosTally {
  scenario: string;
  /** Runs in the database not ended when the fault began (proves it hit mid-run). */
  liveAtFault: number;
  /** How long the fault lasted, and from its end to the last run's end (or giving up). */
  faultSeconds: number;
  settledSeconds: number;
  /** The kind of the run that ended last (where a slow scenario spends its time). */
  lastToEnd: string;
  /** Starts acknowledged with 201, by the durability they answered. */
  startedStandard: number;
  startedExpress: number;
  /** Starts refused or cut off (no promise made); some of them still reached the database. */
  unanswered: number;
  unansweredInDatabase: number;
  completed: number;
  failed: number;
  /** Acknowledged standard runs missing from the database or not ended; any run in the database not ended. */
  lost: number;
  /** Acknowledged express runs missing from the database (their answer came after their write: must be 0). */
  expressLost: number;
  /** Express runs cut off in flight and absent from the database (at-most-once: allowed). */
  expressLostInFlight: number;
  /** A side effect applied under two idempotency keys of one step, a step completed twice, or two executions of one start. */
  duplicated: number;
  /** The same attempt delivered again after a fault (same key: an idempotent receiver drops it). */
  redelivered: number;
  /** Runs that ended otherwise than their kind must (a wrong output, an unexpected failure), with why. */
  wrongOutcomes: string[];
  /** Histories that do not move forward: gaps, no start, a terminal event not last or repeated. */
  historyFaults: string[];
}

/** Counts a scenario's outcome once every run it knows of has ended (or the caller gave up waiting). */
export async function tallyChaos(
  scenario: string,
  db: pg.ClientConfig | string,
  attempts: StartAttempt[],
  sink: SideEffectSink,
): Promise<ChaosTally> {
  const client = new pg.Client(db);
  await client.connect();
  let executions: ExecutionRow[];
  let events: EventRow[];
  try {
    executions = (
      await client.query<ExecutionRow>(
        `SELECT id, status, durability, error, input->>'runKey' AS run_key, output, ended_at FROM executions`,
      )
    ).rows;
    events = (
      await client.query<EventRow>(
        `SELECT execution_id, sequence, type, step_id FROM execution_events ORDER BY execution_id, sequence`,
      )
    ).rows;
  } finally {
    await client.end();
  }
  const byKey = new Map<string, ExecutionRow[]>();
  for (const row of executions) byKey.set(row.run_key ?? '', [...(byKey.get(row.run_key ?? '') ?? []), row]);
  const tally: ChaosTally = {
    scenario,
    liveAtFault: 0,
    lastToEnd: '',
    faultSeconds: 0,
    settledSeconds: 0,
    startedStandard: 0,
    startedExpress: 0,
    unanswered: 0,
    unansweredInDatabase: 0,
    completed: executions.filter((e) => e.status === 'completed').length,
    failed: executions.filter((e) => e.status === 'failed').length,
    lost: executions.filter((e) => !TERMINAL.includes(e.status)).length,
    expressLost: 0,
    expressLostInFlight: 0,
    duplicated: 0,
    redelivered: 0,
    wrongOutcomes: [],
    historyFaults: historyFaults(events, executions),
  };
  const last = [...executions].sort(
    (a, b) => (b.ended_at?.getTime() ?? Infinity) - (a.ended_at?.getTime() ?? Infinity),
  )[0];
  for (const attempt of attempts) {
    if (last && attempt.runKey === last.run_key) tally.lastToEnd = attempt.kind;
    const rows = byKey.get(attempt.runKey) ?? [];
    if (rows.length > 1) tally.duplicated++;
    const row = rows[0];
    if (attempt.outcome === 'acknowledged') {
      if (attempt.durability === 'express') tally.startedExpress++;
      else tally.startedStandard++;
      // An acknowledged run is in the journal (express ones are written before the answer).
      if (!row || row.id !== attempt.executionId) {
        if (attempt.durability === 'express') tally.expressLost++;
        else tally.lost++;
      }
    } else {
      tally.unanswered++;
      if (row) tally.unansweredInDatabase++;
      // Refused starts never ran; a broken one was accepted and died with its process.
      else if (attempt.kind === 'express' && attempt.outcome === 'broken') tally.expressLostInFlight++;
    }
    if (row && TERMINAL.includes(row.status)) {
      const wrong = wrongOutcome(attempt, row);
      if (wrong) tally.wrongOutcomes.push(wrong);
    }
  }
  const appliedKeys = new Map<string, Map<string, number>>();
  for (const call of sink.calls.filter((c) => c.status === 200)) {
    const keys = appliedKeys.get(stepOf(call.key)) ?? new Map<string, number>();
    keys.set(call.key, (keys.get(call.key) ?? 0) + 1);
    appliedKeys.set(stepOf(call.key), keys);
  }
  for (const keys of appliedKeys.values()) {
    if (keys.size > 1) tally.duplicated++;
    for (const count of keys.values()) tally.redelivered += count - 1;
  }
  const completions = new Map<string, number>();
  for (const event of events.filter((e) => e.type === 'step_completed')) {
    const step = `${event.execution_id}:${event.step_id}`;
    completions.set(step, (completions.get(step) ?? 0) + 1);
  }
  tally.duplicated += [...completions.values()].filter((n) => n > 1).length;
  return tally;
}

function wrongOutcome(attempt: StartAttempt, row: ExecutionRow): string | null {
  const expected = expectedOutput(attempt.kind, attempt.input);
  if (expected === undefined) {
    return row.status === 'failed' && row.error === REJECTED_ERROR
      ? null
      : `${row.id} (${attempt.kind}): ${row.status} ${row.error ?? ''}, expected failed ${REJECTED_ERROR}`;
  }
  if (row.status !== 'completed') return `${row.id} (${attempt.kind}): ${row.status} ${row.error ?? ''}`;
  return isDeepStrictEqual(row.output, expected)
    ? null
    : `${row.id} (${attempt.kind}): output ${JSON.stringify(row.output)}, expected ${JSON.stringify(expected)}`;
}

/** Every history must read 1..n without gaps, begin with `started` and end with its one terminal event. */
function historyFaults(events: EventRow[], executions: ExecutionRow[]): string[] {
  const byExecution = new Map<string, EventRow[]>();
  for (const event of events)
    byExecution.set(event.execution_id, [...(byExecution.get(event.execution_id) ?? []), event]);
  const faults: string[] = [];
  for (const execution of executions.filter((e) => TERMINAL.includes(e.status))) {
    const history = byExecution.get(execution.id) ?? [];
    const terminal = history.filter((e) => TERMINAL.includes(e.type));
    if (history.some((e, i) => e.sequence !== i + 1)) faults.push(`${execution.id}: sequence gap`);
    else if (history[0]?.type !== 'started') faults.push(`${execution.id}: first event ${history[0]?.type}`);
    else if (terminal.length !== 1 || history.at(-1)?.type !== execution.status)
      faults.push(`${execution.id}: ${terminal.length} terminal event(s), last ${history.at(-1)?.type}`);
  }
  return faults;
}

/** The tally of a scenario run beside others: its own failure, not the first of the batch. */
export function settledTally(result: PromiseSettledResult<ChaosTally> | undefined): ChaosTally {
  if (!result) throw new Error('the scenario did not run');
  if (result.status === 'rejected') throw result.reason;
  return result.value;
}

/** One console table of every scenario's counts (the issue asks for them in the CI log). */
export function printTallies(results: Array<ChaosTally | PromiseSettledResult<ChaosTally>>): void {
  const tallies = results.flatMap((r) => ('status' in r ? (r.status === 'fulfilled' ? [r.value] : []) : [r]));
  if (!tallies.length) return;
  console.log(
    `chaos suite counts\n${formatTable(
      tallies.map((t) => ({
        scenario: t.scenario,
        'live at fault': t.liveAtFault,
        'fault (s)': t.faultSeconds,
        'settled (s)': t.settledSeconds,
        'last to end': t.lastToEnd,
        'started (std/express)': `${t.startedStandard}/${t.startedExpress}`,
        completed: t.completed,
        failed: t.failed,
        lost: t.lost,
        'express lost (acked/in flight)': `${t.expressLost}/${t.expressLostInFlight}`,
        duplicated: t.duplicated,
        'redelivered (same key)': t.redelivered,
        'unanswered (in db)': `${t.unanswered} (${t.unansweredInDatabase})`,
        'wrong outcome': t.wrongOutcomes.length,
        'history faults': t.historyFaults.length,
      })),
    )}`,
  );
}

function formatTable(rows: Array<Record<string, string | number>>): string {
  const columns = Object.keys(rows[0] ?? {});
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  return [
    line(columns),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map((r) => line(columns.map((c) => String(r[c])))),
  ].join('\n');
}
