import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/** Why a link token was refused. */
export type LinkRefusal = 'malformed' | 'tampered' | 'expired';

export type LinkCheck = { ok: true; artifactId: string; expiresAt: Date } | { ok: false; reason: LinkRefusal };

const TOKEN = /^([0-9a-f-]{36})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/;

/**
 * Signed public links to one artifact: `<artifactId>.<expiry seconds>.<HMAC-SHA256>`, keyed
 * with a sub-key HKDF derives from the encryption key (so the link key is never the key that
 * seals credentials, and every process sharing that key checks the others' links). Nothing is
 * stored: a link is valid until its expiry or until the artifact goes.
 */
export class ArtifactLinkSigner {
  private readonly key: Buffer;

  constructor(encryptionKey: Buffer) {
    this.key = Buffer.from(hkdfSync('sha256', encryptionKey, Buffer.alloc(0), 'baton artifact links v1', 32));
  }

  sign(artifactId: string, expiresAt: Date): string {
    const seconds = Math.floor(expiresAt.getTime() / 1000);
    return `${artifactId}.${seconds}.${this.mac(artifactId, seconds).toString('base64url')}`;
  }

  check(token: string, now: Date): LinkCheck {
    const match = TOKEN.exec(token);
    if (!match) return { ok: false, reason: 'malformed' };
    const [, artifactId, secondsText, signature] = match as unknown as [string, string, string, string];
    const seconds = Number(secondsText);
    const given = Buffer.from(signature, 'base64url');
    const expected = this.mac(artifactId, seconds);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'tampered' };
    if (seconds * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
    return { ok: true, artifactId, expiresAt: new Date(seconds * 1000) };
  }

  private mac(artifactId: string, seconds: number): Buffer {
    return createHmac('sha256', this.key).update(`artifact:${artifactId}:${seconds}`).digest();
  }
}
