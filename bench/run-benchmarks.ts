// Reflect metadata must be installed before any Nest decorator runs (the API's main.ts does the same).
import 'reflect-metadata';
import { cpus } from 'node:os';
import { installInterruptHandlers } from './on-interrupt';
import { formatResultsTable } from './format-results-table';
import type { TierName } from './prepare-bench-tier';
import { readBenchOptions, type BenchOptions } from './read-bench-options';
import { reportProgress } from './report-progress';
import { runTier, type TierResult } from './run-tier';
import { runTierProcess, stopTierProcess, TIER_FLAG } from './run-tier-process';

/**
 * `npm run bench` (README "Benchmarks"). Without flags: runs every tier in its own child process,
 * one after another, and prints one table to stdout. With --tier=<name>: is that child.
 */
async function main(): Promise<void> {
  const options = readBenchOptions();
  const tierArgument = process.argv.find((arg) => arg.startsWith(TIER_FLAG));
  if (tierArgument) {
    installInterruptHandlers();
    const result = await runTier(tierArgument.slice(TIER_FLAG.length) as TierName, options);
    await new Promise<void>((resolve, reject) =>
      process.send!(result, (error: Error | null) => (error ? reject(error) : resolve())),
    );
    // The 'disconnect' listener (on-interrupt.ts) keeps the IPC channel referenced; let go so the process can end.
    process.disconnect();
    return;
  }
  await runAllTiers(options);
}

async function runAllTiers(options: BenchOptions): Promise<void> {
  const started = Date.now();
  const elapsed = () => `${Math.round((Date.now() - started) / 1000)} s`;
  reportProgress(describeRun(options));
  let interrupted = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      interrupted = true;
      stopTierProcess();
    });
  }
  const results: TierResult[] = [];
  const failures: string[] = [];
  for (const tier of options.tiers) {
    if (interrupted) break;
    reportProgress(`tier ${tier}: starting`);
    try {
      results.push(await runTierProcess(tier));
      reportProgress(`tier ${tier}: done at ${elapsed()}`);
    } catch (error) {
      failures.push(`${tier}: ${(error as Error).message}`);
      reportProgress(`tier ${tier}: FAILED: ${(error as Error).message}`);
    }
  }
  if (results.length) process.stdout.write(`\n${describeRun(options)}\n\n${formatResultsTable(results, options)}\n\n`);
  reportProgress(`total ${elapsed()}`);
  if (failures.length || interrupted) {
    process.stderr.write(
      `bench ${interrupted ? 'interrupted' : 'failed'}${failures.length ? `: ${failures.join('; ')}` : ''}\n`,
    );
    process.exitCode = 1;
  }
}

function describeRun(options: BenchOptions): string {
  return (
    `Baton bench: ${options.executions} executions per mode (${options.concurrency} in flight), ` +
    `${options.latencyRuns} one at a time, ${options.warmup} warm-up, at most ${options.phaseBudgetMs / 1000} s a phase; ` +
    `worker concurrency ${options.workerConcurrency}; ` +
    `Map of ${options.mapItems.join(', ')} items (at most ${options.mapTimeoutMs / 1000} s each); ` +
    `${options.parked} parked (at most ${options.parkedBudgetMs / 1000} s to park); ` +
    `node ${process.version}, ${cpus().length} CPUs`
  );
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
