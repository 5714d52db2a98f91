import { buildDataSourceOptions, runMigrationsUnderLock } from '@baton/persistence';
import { DataSource } from 'typeorm';
import type { BatonConfig } from '../config/baton-config';
import { startEmbeddedDatabase } from '../database/embedded-database';
import { loadOrCreateEncryptionKey } from '../secrets/encryption-key';
import { rotateCredentialKeys, type RotationResult } from './rotate-credential-keys';

/**
 * `npm run credentials:rotate`: opens the configured database (the embedded one only while no
 * Baton process holds the data directory) and re-seals secrets under BATON_ENCRYPTION_KEY.
 */
export async function runCredentialRotation(config: BatonConfig): Promise<RotationResult> {
  const embedded = config.databaseUrl
    ? null
    : await startEmbeddedDatabase({ dataDir: config.dataDir, maxConnections: 10 });
  try {
    const url = embedded?.url ?? (config.databaseUrl as string);
    await runMigrationsUnderLock({ url, poolSize: 2 });
    const dataSource = new DataSource(buildDataSourceOptions({ url, poolSize: 2 }));
    await dataSource.initialize();
    try {
      const current = loadOrCreateEncryptionKey(config.encryptionKey, config.dataDir);
      return await rotateCredentialKeys(dataSource, current, config.encryptionKeyPrevious);
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await embedded?.stop();
  }
}
