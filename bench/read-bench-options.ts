import type { TierName } from './prepare-bench-tier';

export interface BenchOptions {
  tiers: TierName[];
  /** Executions per mode in the throughput phase (and raw jobs = executions × steps). */
  executions: number;
  /** Executions (and raw jobs × steps) run one at a time for the latency phase. */
  latencyRuns: number;
  /** Executions (or raw jobs) kept in flight during the throughput phase. */
  concurrency: number;
  /** Un-measured executions (and raw jobs) before each measured phase: JIT, pools, prepared plans. */
  warmup: number;
  /** Wall-time budget of each measured phase, in ms: no new unit starts after it (warm-ups get half). */
  phaseBudgetMs: number;
  /** BATON_WORKER_CONCURRENCY of the booted Baton, and the raw BullMQ worker's concurrency. */
  workerConcurrency: number;
  /** Item counts of the ASL Map scale rows, smallest first; every row's time is compared to the first's. */
  mapItems: number[];
  /** Wall time one Map run may take, in ms, before its row says "timed out" and the run is cancelled. */
  mapTimeoutMs: number;
  /** Executions parked on a 1-hour delay for the parked row. */
  parked: number;
  /** Wall time for starting the parked executions, in ms: the row reports how many were parked by then. */
  parkedBudgetMs: number;
}

const TIERS: readonly TierName[] = ['embedded', 'postgres', 'redis'];

/**
 * Issue 10's Map sizes: 1,000 and 10,000 items (a three-tier run stays under five minutes on a
 * 2-CPU machine since Map bookkeeping stopped growing with the item count). The parked row asks
 * for the full 10,000 but parks only what BENCH_PARKED_SECONDS allows; the tables print the
 * sizes used.
 */
const DEFAULT_MAP_ITEMS = [1000, 10_000];
const DEFAULT_PARKED = 10_000;

/** The parked row's first sweep runs with this many executions parked, the second with BENCH_PARKED. */
export const PARKED_FIRST = 10;

/**
 * The knobs (README "Benchmarks"). The defaults keep a full three-tier run under five minutes
 * on a 2-CPU machine; raise BENCH_EXECUTIONS for steadier numbers.
 */
export function readBenchOptions(env: NodeJS.ProcessEnv = process.env): BenchOptions {
  const tiers = (env['BENCH_TIERS'] ?? TIERS.join(','))
    .split(',')
    .map((tier) => tier.trim())
    .filter(Boolean);
  const unknown = tiers.filter((tier) => !TIERS.includes(tier as TierName));
  if (unknown.length || !tiers.length)
    throw new Error(`BENCH_TIERS must list some of ${TIERS.join(', ')} (got "${env['BENCH_TIERS']}")`);
  return {
    tiers: tiers as TierName[],
    executions: readCount(env, 'BENCH_EXECUTIONS', 60),
    latencyRuns: readCount(env, 'BENCH_LATENCY_RUNS', 10),
    concurrency: readCount(env, 'BENCH_CONCURRENCY', 10),
    warmup: readCount(env, 'BENCH_WARMUP', 5, 0),
    phaseBudgetMs: readCount(env, 'BENCH_PHASE_SECONDS', 2) * 1000,
    workerConcurrency: readCount(env, 'BATON_WORKER_CONCURRENCY', 10),
    mapItems: readCounts(env, 'BENCH_MAP_ITEMS', DEFAULT_MAP_ITEMS),
    mapTimeoutMs: readCount(env, 'BENCH_MAP_TIMEOUT_SECONDS', 240) * 1000,
    parked: readCount(env, 'BENCH_PARKED', DEFAULT_PARKED, PARKED_FIRST + 1),
    parkedBudgetMs: readCount(env, 'BENCH_PARKED_SECONDS', 10) * 1000,
  };
}

/** A comma-separated list of counts, sorted ascending without repeats. */
function readCounts(env: NodeJS.ProcessEnv, name: string, fallback: number[]): number[] {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const values = raw
    .split(',')
    .filter((part) => part.trim())
    .map((part) => readCount({ [name]: part }, name, 1));
  return [...new Set(values)].sort((a, b) => a - b);
}

function readCount(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 1): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > 100_000)
    throw new Error(`${name} must be a whole number from ${min} to 100000 (got "${raw}")`);
  return value;
}
