import { createHash, randomBytes } from 'node:crypto';

/** Marks Baton keys so secret scanners and people can recognise a leaked one. */
const KEY_MARKER = 'bk_';
/** Long enough to tell keys apart in a list, far too short to help guess the 256-bit rest. */
const PREFIX_LENGTH = 12;
/** `bk_` + 43 base64url characters; anything longer is refused before any hashing or lookup. */
export const API_KEY_MAX_LENGTH = 64;

export interface GeneratedApiKey {
  /** Shown to the caller once, never stored. */
  key: string;
  prefix: string;
  hash: string;
}

/** A new random API key with the display prefix and the hash that is stored in its place. */
export function generateApiKey(): GeneratedApiKey {
  const key = KEY_MARKER + randomBytes(32).toString('base64url');
  return { key, prefix: key.slice(0, PREFIX_LENGTH), hash: hashApiKey(key) };
}

/**
 * SHA-256 hex of the key. A fast unsalted hash is enough here (unlike passwords): the key holds
 * 256 random bits, so the hash cannot be reversed by guessing, and it must be looked up by value.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Cheap shape check so garbage headers are rejected without touching the database. */
export function looksLikeApiKey(candidate: string): boolean {
  return candidate.startsWith(KEY_MARKER) && candidate.length <= API_KEY_MAX_LENGTH;
}
