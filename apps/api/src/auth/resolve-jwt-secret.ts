import type { BatonRuntime } from '../bootstrap/baton-runtime';
import { deriveKey } from '../secrets/secret-box';

/**
 * BATON_JWT_SECRET when set; otherwise a key derived from the encryption key, so a single host
 * needs no extra secret and every process sharing the encryption key accepts the same tokens.
 */
export function resolveJwtSecret(runtime: Pick<BatonRuntime, 'config' | 'encryptionKey'>): string {
  return runtime.config.jwtSecret ?? deriveKey(runtime.encryptionKey, 'baton:jwt').toString('hex');
}
