import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';

export type TierName = 'embedded' | 'postgres' | 'redis';

/** The machine's services, as for the integration tests (README "Tests"). */
const POSTGRES_URL = process.env['BATON_TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env['BATON_TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

export interface BenchTier {
  tier: TierName;
  /** Environment for an in-process Baton: own data dir, own database, own queue prefix. */
  env: Record<string, string>;
  /** Drops the database, deletes the Redis keys and the data dir: a bench run leaves nothing behind. */
  cleanup(): Promise<void>;
}

/** Same approach as apps/api-e2e/src/support/test-tiers.ts, with `baton_bench_` names. */
export async function prepareBenchTier(tier: TierName, workerConcurrency: number): Promise<BenchTier> {
  const suffix = `${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'baton-bench-'));
  const prefix = `baton_bench_${suffix}`;
  const env: Record<string, string> = {
    BATON_DATA_DIR: dataDir,
    BATON_QUEUE_PREFIX: prefix,
    PORT: '0',
    HOST: '127.0.0.1',
    BATON_LOG_LEVEL: 'warn',
    BATON_ENCRYPTION_KEY: 'b'.repeat(64),
    BATON_SHUTDOWN_GRACE_MS: '5000',
    BATON_WORKER_CONCURRENCY: String(workerConcurrency),
  };
  const database = tier === 'embedded' ? null : `baton_bench_${suffix}`;
  if (database) {
    await adminQuery(`CREATE DATABASE ${database}`);
    const url = new URL(POSTGRES_URL);
    url.pathname = `/${database}`;
    env['DATABASE_URL'] = url.toString();
  }
  if (tier === 'redis') env['REDIS_URL'] = REDIS_URL;
  return {
    tier,
    env,
    async cleanup() {
      if (database) await adminQuery(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      if (tier === 'redis') await deleteRedisPrefix(prefix);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function deleteRedisPrefix(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
