import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, deleteRedisPrefix, TEST_REDIS_URL, uniqueSuffix } from './test-services';

export type TierName = 'embedded' | 'postgres' | 'redis';
export const ALL_TIERS: TierName[] = ['embedded', 'postgres', 'redis'];

/**
 * Everything one test needs for one tier: environment variables for a Baton process
 * (own data dir, own database, own queue prefix) and a cleanup that removes them all.
 */
export interface TierEnvironment {
  tier: TierName;
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

export async function prepareTier(tier: TierName): Promise<TierEnvironment> {
  const dataDir = mkdtempSync(join(tmpdir(), 'baton-test-'));
  const prefix = `baton_test_${uniqueSuffix()}`;
  const env: Record<string, string> = {
    BATON_DATA_DIR: dataDir,
    BATON_QUEUE_PREFIX: prefix,
    PORT: '0',
    HOST: '127.0.0.1',
    BATON_LOG_LEVEL: 'warn',
    // Stub servers listen on loopback, which outbound HTTP refuses by default.
    BATON_HTTP_ALLOW_HOSTS: '127.0.0.1,::1,localhost',
    BATON_ENCRYPTION_KEY: 'a'.repeat(64),
    BATON_SHUTDOWN_GRACE_MS: '5000',
  };
  const database = tier === 'embedded' ? null : await createTestDatabase();
  if (database) env['DATABASE_URL'] = database.url;
  if (tier === 'redis') env['REDIS_URL'] = TEST_REDIS_URL;
  return {
    tier,
    env,
    async cleanup() {
      await database?.drop();
      if (tier === 'redis') await deleteRedisPrefix(prefix);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
