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
}

const TIERS: readonly TierName[] = ['embedded', 'postgres', 'redis'];

/**
 * The knobs (README "Benchmarks"). The defaults keep a full three-tier run under three minutes
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
    phaseBudgetMs: readCount(env, 'BENCH_PHASE_SECONDS', 6) * 1000,
    workerConcurrency: readCount(env, 'BATON_WORKER_CONCURRENCY', 10),
  };
}

function readCount(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 1): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > 100_000)
    throw new Error(`${name} must be a whole number from ${min} to 100000 (got "${raw}")`);
  return value;
}
