import { createHash, randomBytes } from 'node:crypto';

/** A fresh, unguessable task token (256 random bits). */
export function newTaskToken(): string {
  return randomBytes(32).toString('base64url');
}

/** How tokens are stored and looked up: the token itself is a bearer secret. */
export function hashTaskToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
