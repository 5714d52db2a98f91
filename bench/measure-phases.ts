import { trackMemory, type MemoryDelta } from './track-memory';

/** One unit of work (an execution, a raw job) that resolves when it has finished. */
export type RunOne = () => Promise<void>;

/** How many units to run, and the wall-time budget after which no new unit starts. */
export interface PhaseSize {
  count: number;
  budgetMs: number;
}

export interface LatencyResult {
  /** Median wall time of one unit with nothing else in flight, in ms. */
  medianMs: number;
  /** Units measured; fewer than asked when the time budget ran out. */
  runs: number;
  capped: boolean;
}

export interface ThroughputResult {
  /** Units finished per second with `concurrency` in flight. */
  perSecond: number;
  runs: number;
  capped: boolean;
  memory: MemoryDelta;
}

/** Runs units one after another and reports the median: latency without queueing effects. */
export async function measureLatency(runOne: RunOne, size: PhaseSize): Promise<LatencyResult> {
  const timings: number[] = [];
  const deadline = performance.now() + size.budgetMs;
  while (timings.length < size.count && (timings.length === 0 || performance.now() < deadline)) {
    const started = performance.now();
    await runOne();
    timings.push(performance.now() - started);
  }
  return { medianMs: median(timings), runs: timings.length, capped: timings.length < size.count };
}

/**
 * Closed loop: `concurrency` callers each start a unit as soon as their previous one finished,
 * until `count` have started or the budget is spent. Rate = units finished ÷ wall time from the
 * first start to the last finish.
 */
export async function measureThroughput(
  runOne: RunOne,
  size: PhaseSize,
  concurrency: number,
): Promise<ThroughputResult> {
  const { result, memory } = await trackMemory(async () => {
    const started = performance.now();
    const runs = await runClosedLoop(runOne, size, concurrency);
    return { runs, seconds: (performance.now() - started) / 1000 };
  });
  return { perSecond: result.runs / result.seconds, runs: result.runs, capped: result.runs < size.count, memory };
}

/** Un-measured runs before a phase, at the phase's concurrency. */
export async function warmUp(runOne: RunOne, size: PhaseSize, concurrency: number): Promise<void> {
  if (size.count > 0) await runClosedLoop(runOne, size, concurrency);
}

/** Resolves with the number of units run (all of them finished). */
async function runClosedLoop(runOne: RunOne, size: PhaseSize, concurrency: number): Promise<number> {
  const deadline = performance.now() + size.budgetMs;
  let started = 0;
  const caller = async () => {
    while (started < size.count && performance.now() < deadline) {
      started++;
      await runOne();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, size.count) }, caller));
  return started;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
