import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createTestDatabase,
  deleteRedisPrefix,
  TEST_REDIS_URL,
  uniqueSuffix,
} from '../apps/api-e2e/src/support/test-services';
import { MAP_MAX_CONCURRENCY } from './map-machine';
import type { BenchOptions } from './read-bench-options';

export type TierName = 'embedded' | 'postgres' | 'redis';

export interface BenchTier {
  tier: TierName;
  /** Environment for an in-process Baton: own data dir, own database, own queue prefix. */
  env: Record<string, string>;
  /** Drops the database, deletes the Redis keys and the data dir: a bench run leaves nothing behind. */
  cleanup(): Promise<void>;
}

/** The integration tests' services and helpers (README "Tests"), with `baton_bench_` names. */
export async function prepareBenchTier(tier: TierName, options: BenchOptions): Promise<BenchTier> {
  const suffix = uniqueSuffix();
  const dataDir = mkdtempSync(join(tmpdir(), 'baton-bench-'));
  const prefix = `baton_bench_${suffix}`;
  const env: Record<string, string> = {
    BATON_DATA_DIR: dataDir,
    BATON_QUEUE_PREFIX: prefix,
    PORT: '0',
    HOST: '127.0.0.1',
    BATON_LOG_LEVEL: 'warn',
    // Stub servers listen on loopback, which outbound HTTP refuses by default.
    BATON_HTTP_ALLOW_HOSTS: '127.0.0.1,::1,localhost',
    BATON_ENCRYPTION_KEY: 'b'.repeat(64),
    BATON_SHUTDOWN_GRACE_MS: '5000',
    BATON_WORKER_CONCURRENCY: String(options.workerConcurrency),
    // The Map rows ask for MaxConcurrency 100 and up to BENCH_MAP_ITEMS items; the defaults (40, 10,000) would cap them.
    BATON_MAX_STEP_CONCURRENCY: String(MAP_MAX_CONCURRENCY),
    BATON_MAX_ITEMS: String(Math.max(10_000, ...options.mapItems)),
    // Every Map iteration logs several events; the 25,000 default, meant to stop endless loops,
    // could fail a 10,000-item Map.
    BATON_MAX_EXECUTION_EVENTS: String(Math.max(25_000, 20 * Math.max(...options.mapItems))),
  };
  const database = tier === 'embedded' ? null : await createTestDatabase('baton_bench');
  if (database) env['DATABASE_URL'] = database.url;
  if (tier === 'redis') env['REDIS_URL'] = TEST_REDIS_URL;
  return {
    tier,
    env,
    async cleanup() {
      if (database) await database.drop();
      if (tier === 'redis') await deleteRedisPrefix(prefix);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
