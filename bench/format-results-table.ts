import { ASL_STATE_TRANSITIONS } from './asl-machine';
import { BENCH_STEPS } from './linear-workflow';
import { MAP_MAX_CONCURRENCY } from './map-machine';
import { PARKED_FIRST, type BenchOptions } from './read-bench-options';
import type { TierResult } from './run-tier';

const COLUMNS = [
  'tier',
  'run',
  'exec/s',
  'raw jobs/s',
  'exec/s ÷ jobs/s',
  'ms/exec',
  'ms/step',
  'raw ms/job',
  'overhead ms/step',
  'step ÷ job',
  'peak RSS +MB',
  'heap +MB',
  'steps/s',
];

const fixed = (value: number, digits = 1) => value.toFixed(digits);

/**
 * One Markdown table (it pastes into the README as is): per tier, the raw BullMQ baseline row,
 * then one row per Baton mode with its ratios to that baseline. Column meanings: README "Benchmarks".
 */
export function formatResultsTable(results: TierResult[], options: BenchOptions): string {
  const rows: string[][] = [];
  const notes: string[] = [];
  // A phase that hit its time budget ran fewer units than asked: flag its numbers and say how many.
  const mark = (value: string, phase: { runs: number; capped: boolean }, what: string, asked: number) => {
    if (!phase.capped) return value;
    notes.push(
      `* ${what}: ${phase.runs} of ${asked} within the ${options.phaseBudgetMs / 1000} s budget (BENCH_PHASE_SECONDS)`,
    );
    return `${value}*`;
  };
  for (const { tier, queueBackend, raw, modes, aslModes } of results) {
    const rawJobsPerSecond = raw.throughput.perSecond;
    const rawMsPerJob = raw.latency.medianMs;
    rows.push([
      tier,
      `raw BullMQ no-op (${queueBackend})`,
      '',
      mark(fixed(rawJobsPerSecond), raw.throughput, `${tier} raw throughput`, options.executions * BENCH_STEPS),
      '',
      '',
      '',
      mark(fixed(rawMsPerJob, 2), raw.latency, `${tier} raw latency`, options.latencyRuns * BENCH_STEPS),
      '',
      '',
      fixed(raw.throughput.memory.peakRssMb),
      fixed(raw.throughput.memory.heapMb),
      '',
    ]);
    const runs = [
      ...modes.map((result) => ({
        ...result,
        label: `Baton ${result.mode}, ${result.durability}`,
        steps: BENCH_STEPS,
      })),
      ...aslModes.map((result) => ({
        ...result,
        label: `ASL ${result.mode}, ${result.durability} (10 states)`,
        steps: ASL_STATE_TRANSITIONS,
      })),
    ];
    for (const { label, steps, latency, throughput } of runs) {
      const msPerStep = latency.medianMs / steps;
      rows.push([
        tier,
        label,
        mark(fixed(throughput.perSecond), throughput, `${tier} ${label} throughput`, options.executions),
        fixed(rawJobsPerSecond),
        fixed(throughput.perSecond / rawJobsPerSecond, 3),
        mark(fixed(latency.medianMs), latency, `${tier} ${label} latency`, options.latencyRuns),
        fixed(msPerStep, 2),
        fixed(rawMsPerJob, 2),
        fixed(msPerStep - rawMsPerJob, 2),
        fixed(msPerStep / rawMsPerJob, 2),
        fixed(throughput.memory.peakRssMb),
        fixed(throughput.memory.heapMb),
        fixed(throughput.perSecond * steps),
      ]);
    }
  }
  return [
    renderMarkdown(COLUMNS, rows),
    ...(notes.length ? ['', ...notes] : []),
    '',
    formatWebhookFlowTable(results),
    '',
    formatMapScaleTable(results),
    '',
    formatParkedTable(results, options),
  ].join('\n');
}

const WEBHOOK_COLUMNS = ['tier', 'run', 'connections', 'req/s', 'p50 ms', 'p99 ms', 'req/s ÷ node:http', 'requests'];

/** Sync webhook → 3 transforms → response, beside a plain node:http handler measured the same way. */
function formatWebhookFlowTable(results: TierResult[]): string {
  const rows: string[][] = [];
  for (const { tier, webhookFlow } of results) {
    const baseline = webhookFlow[0];
    for (const { label, phases } of webhookFlow) {
      for (const phase of phases) {
        const reference = baseline?.phases.find((p) => p.connections === phase.connections);
        rows.push([
          tier,
          label,
          String(phase.connections),
          fixed(phase.perSecond),
          fixed(phase.p50Ms, 2),
          fixed(phase.p99Ms, 2),
          reference ? fixed(phase.perSecond / reference.perSecond, 3) : '',
          String(phase.requests),
        ]);
      }
    }
  }
  return renderMarkdown(WEBHOOK_COLUMNS, rows);
}

/** The ASL Map at each size, one run at a time; the ratio columns compare every size to the smallest. */
function formatMapScaleTable(results: TierResult[]): string {
  const first = results[0]?.mapScale[0]?.items ?? 0;
  const columns = ['tier', 'run', 'items', 's', 'items/s', `t ÷ t(${first})`, `items ÷ ${first}`];
  const rows: string[][] = [];
  for (const { tier, mapScale } of results) {
    const baseline = mapScale[0]?.seconds ?? null;
    for (const { items, seconds, note } of mapScale) {
      rows.push([
        tier,
        `ASL Map, Pass iterator, MaxConcurrency ${MAP_MAX_CONCURRENCY}, queued, standard`,
        String(items),
        seconds === null ? (note ?? 'did not finish') : fixed(seconds),
        seconds === null ? '' : fixed(items / seconds),
        seconds === null || baseline === null ? '' : fixed(seconds / baseline, 2),
        fixed(items / (mapScale[0]?.items ?? items), 0),
      ]);
    }
  }
  return renderMarkdown(columns, rows);
}

/** Memory and one stalled-work sweep with executions parked on a 1-hour delay, beside the sweep with PARKED_FIRST. */
function formatParkedTable(results: TierResult[], options: BenchOptions): string {
  const columns = [
    'tier',
    'run',
    'parked',
    'starts/s',
    'RSS +MB',
    'heap +MB',
    'RSS KB each',
    'heap KB each',
    `sweep ms, ${PARKED_FIRST} parked`,
    'sweep ms, all parked',
    'sweep all ÷ sweep few',
  ];
  const rows: string[][] = [];
  const notes: string[] = [];
  for (const { tier, parked } of results) {
    const short = parked.parked < parked.asked;
    if (short)
      notes.push(
        `* ${tier} parked: ${parked.parked} of ${parked.asked} started within the ${options.parkedBudgetMs / 1000} s budget (BENCH_PARKED_SECONDS)`,
      );
    rows.push([
      tier,
      'queued, standard, waiting on a 1 h flow.delay',
      `${parked.parked}${short ? '*' : ''}`,
      fixed(parked.startsPerSecond),
      fixed(parked.rssMb),
      fixed(parked.heapMb),
      fixed((parked.rssMb * 1024) / (parked.parked - PARKED_FIRST)),
      fixed((parked.heapMb * 1024) / (parked.parked - PARKED_FIRST)),
      fixed(parked.sweepFewMs),
      fixed(parked.sweepAllMs),
      fixed(parked.sweepAllMs / parked.sweepFewMs, 2),
    ]);
  }
  return [renderMarkdown(columns, rows), ...(notes.length ? ['', ...notes] : [])].join('\n');
}

function renderMarkdown(header: string[], rows: string[][]): string {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i].length)));
  // Text columns left-aligned, numbers right-aligned, so the plain-text output reads as a table too.
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join(' | ')} |`;
  const rule = `|${widths.map((width, i) => (i < 2 ? `${'-'.repeat(width + 1)}-` : `${'-'.repeat(width + 1)}:`)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}
