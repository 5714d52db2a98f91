import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createTestDatabase,
  deleteRedisPrefix,
  TEST_REDIS_URL,
  uniqueSuffix,
} from '../apps/api-e2e/src/support/test-services';

export type TierName = 'embedded' | 'postgres' | 'redis';

export interface BenchTier {
  tier: TierName;
  /** Environment for an in-process Baton: own data dir, own database, own queue prefix. */
  env: Record<string, string>;
  /** Drops the database, deletes the Redis keys and the data dir: a bench run leaves nothing behind. */
  cleanup(): Promise<void>;
}

/** The integration tests' services and helpers (README "Tests"), with `baton_bench_` names. */
export async function prepareBenchTier(tier: TierName, workerConcurrency: number): Promise<BenchTier> {
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
    BATON_WORKER_CONCURRENCY: String(workerConcurrency),
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
