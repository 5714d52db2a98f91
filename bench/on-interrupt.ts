const cleanups = new Set<() => Promise<void>>();
let installed = false;

/**
 * Runs `cleanup` if the process is interrupted (SIGINT, SIGTERM, or the parent bench process going
 * away) before the returned unregister function is called, then exits: an interrupted run still
 * drops its database, Redis keys and data dir.
 */
export function onInterrupt(cleanup: () => Promise<void>): () => void {
  if (!installed) {
    installed = true;
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void runCleanupsAndExit());
    // Losing the parent mid-run is an interrupt; the child letting go of it after sending its result is not.
    process.once('disconnect', () => {
      if (cleanups.size) void runCleanupsAndExit();
    });
  }
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

/** A cleanup that hangs must not keep an interrupted bench alive for ever. */
const CLEANUP_LIMIT_MS = 20_000;

async function runCleanupsAndExit(): Promise<void> {
  process.stderr.write('[bench] interrupted: cleaning up\n');
  setTimeout(() => {
    process.stderr.write(`[bench] cleanup did not finish within ${CLEANUP_LIMIT_MS} ms; leftovers are named baton_bench_*\n`);
    process.exit(130);
  }, CLEANUP_LIMIT_MS).unref();
  for (const cleanup of [...cleanups].reverse()) await cleanup().catch((error) => process.stderr.write(`[bench] cleanup failed: ${error}\n`));
  process.exit(130);
}
