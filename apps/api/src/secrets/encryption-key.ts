import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

/**
 * The key for secrets at rest: BATON_ENCRYPTION_KEY when given, otherwise one generated
 * on first start and kept (mode 0600) in the data directory, as n8n does for single hosts.
 */
export function loadOrCreateEncryptionKey(configured: Buffer | null, dataDir: string): Buffer {
  if (configured) return configured;
  const path = join(dataDir, 'encryption.key');
  if (existsSync(path)) {
    const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'hex');
    if (key.length !== 32)
      throw new Error(`${path} does not hold a 32-byte hex key; restore it or set BATON_ENCRYPTION_KEY`);
    return key;
  }
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  try {
    writeFileSync(path, key.toString('hex'), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another process sharing the data dir created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateEncryptionKey(null, dataDir);
    throw error;
  }
  return key;
}
