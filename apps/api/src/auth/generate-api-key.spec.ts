import { describe, expect, it } from '@jest/globals';
import { API_KEY_MAX_LENGTH, generateApiKey, hashApiKey, looksLikeApiKey } from './generate-api-key';

describe('generateApiKey', () => {
  it('returns a bk_ key, its display prefix and the SHA-256 hex stored in its place', () => {
    const { key, prefix, hash } = generateApiKey();
    expect(key).toMatch(/^bk_[\w-]{43}$/);
    expect(key.startsWith(prefix)).toBe(true);
    expect(prefix.length).toBeLessThanOrEqual(16); // api_keys.prefix is varchar(16)
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(hashApiKey(key));
    expect(key.length).toBeLessThanOrEqual(API_KEY_MAX_LENGTH);
  });

  it('never repeats a key', () => {
    expect(generateApiKey().key).not.toBe(generateApiKey().key);
  });

  it('recognises the shape of a key before any lookup', () => {
    expect(looksLikeApiKey(generateApiKey().key)).toBe(true);
    expect(looksLikeApiKey('Bearer abc')).toBe(false);
    expect(looksLikeApiKey('bk_' + 'a'.repeat(500))).toBe(false);
  });
});
