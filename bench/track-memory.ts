const MB = 1024 * 1024;
const SAMPLE_EVERY_MS = 50;

export interface MemoryDelta {
  /** Highest RSS seen during the phase minus RSS before it, in MB. */
  peakRssMb: number;
  /** Heap in use after the phase minus before it, both after a full GC, in MB (retained growth). */
  heapMb: number;
}

/** `global.gc` exists when node runs with --expose-gc (the bench's tier processes do). */
export const collectGarbage = () => (globalThis as { gc?: () => void }).gc?.();

/** Samples this process's memory while `phase` runs. */
export async function trackMemory<T>(phase: () => Promise<T>): Promise<{ result: T; memory: MemoryDelta }> {
  collectGarbage();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, SAMPLE_EVERY_MS);
  try {
    const result = await phase();
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
    collectGarbage();
    const after = process.memoryUsage();
    return {
      result,
      memory: { peakRssMb: (peakRss - before.rss) / MB, heapMb: (after.heapUsed - before.heapUsed) / MB },
    };
  } finally {
    clearInterval(sampler);
  }
}
