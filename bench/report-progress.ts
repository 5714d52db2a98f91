/** Progress goes to stderr, so stdout carries only the results table. */
export function reportProgress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

/** Runs `work` and reports how long it took: a slow phase shows where a run's minutes go. */
export async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  reportProgress(`${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
}
