const cleanups = new Set<() => Promise<void>>();

/**
 * Makes SIGINT, SIGTERM and the parent bench process going away run the registered cleanups and
 * exit, so an interrupted run still drops its database, Redis keys and data dir. Installed first
 * thing in a tier process: a signal that arrived before it would end the process uncleaned.
 */
export function installInterruptHandlers(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void runCleanupsAndExit());
  // Losing the parent mid-run is an interrupt; the child letting go of it after sending its result is not.
  process.once('disconnect', () => {
    if (cleanups.size) void runCleanupsAndExit();
  });
}

/** Runs `cleanup` on an interrupt until the returned unregister function is called. */
export function onInterrupt(cleanup: () => Promise<void>): () => void {
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

/** A cleanup that hangs must not keep an interrupted bench alive for ever. */
const CLEANUP_LIMIT_MS = 20_000;

async function runCleanupsAndExit(): Promise<void> {
  process.stderr.write('[bench] interrupted: cleaning up\n');
  setTimeout(() => {
    process.stderr.write(
      `[bench] cleanup did not finish within ${CLEANUP_LIMIT_MS} ms; leftovers are named baton_bench_*\n`,
    );
    process.exit(130);
  }, CLEANUP_LIMIT_MS).unref();
  for (const cleanup of [...cleanups].reverse())
    await cleanup().catch((error) => process.stderr.write(`[bench] cleanup failed: ${error}\n`));
  process.exit(130);
}
