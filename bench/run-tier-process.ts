import { fork, type ChildProcess } from 'node:child_process';
import type { TierName } from './prepare-bench-tier';
import type { TierResult } from './run-tier';

/** The flag that makes the bench bundle run one tier and send its result to its parent. */
export const TIER_FLAG = '--tier=';

let current: ChildProcess | null = null;

/**
 * Runs one tier in a child process (this same bundle with --tier=<name>) and resolves with the
 * result it sends back. A fresh process per tier because BullMQ's backend is chosen process-wide,
 * and so one tier's PGlite heap and pools stay out of the next tier's memory columns.
 */
export function runTierProcess(tier: TierName): Promise<TierResult> {
  return new Promise((resolve, reject) => {
    const child = fork(process.argv[1], [`${TIER_FLAG}${tier}`], {
      // --expose-gc: the memory columns compare heaps after a full collection.
      execArgv: ['--expose-gc', '--enable-source-maps'],
      // The child's logs go to stderr so stdout carries only the table.
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    });
    current = child;
    child.stdout?.pipe(process.stderr);
    let result: TierResult | null = null;
    child.on('message', (message) => (result = message as TierResult));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      current = null;
      if (result && code === 0) resolve(result);
      else reject(new Error(`tier process exited with ${signal ?? code}${result ? '' : ' before sending a result'}`));
    });
  });
}

/** Asks the running tier process to stop; it drops its database, keys and data dir first (on-interrupt.ts). */
export function stopTierProcess(): void {
  current?.kill('SIGTERM');
}
