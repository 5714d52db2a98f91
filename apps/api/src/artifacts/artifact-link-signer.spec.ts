import { describe, expect, it } from '@jest/globals';
import { ArtifactLinkSigner } from './artifact-link-signer';

describe('ArtifactLinkSigner', () => {
  const signer = new ArtifactLinkSigner(Buffer.alloc(32, 7));
  const id = '6f1f2c1e-8a7b-4c1d-9e0f-1a2b3c4d5e6f';
  const now = new Date('2026-12-01T00:00:00Z');
  const later = new Date('2026-12-02T00:00:00Z');

  it('accepts its own token until it expires', () => {
    const token = signer.sign(id, later);
    expect(signer.check(token, now)).toEqual({ ok: true, artifactId: id, expiresAt: later });
    expect(signer.check(token, later)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a token with another artifact, a later expiry, another key or a changed signature', () => {
    const token = signer.sign(id, later);
    const [, seconds, signature] = token.split('.');
    const otherId = id.replace(/^6/, '7');
    expect(signer.check(`${otherId}.${seconds}.${signature}`, now)).toEqual({ ok: false, reason: 'tampered' });
    expect(signer.check(`${id}.${Number(seconds) + 3600}.${signature}`, now)).toEqual({
      ok: false,
      reason: 'tampered',
    });
    expect(new ArtifactLinkSigner(Buffer.alloc(32, 8)).check(token, now)).toEqual({ ok: false, reason: 'tampered' });
    const flipped = `${signature![0] === 'A' ? 'B' : 'A'}${signature!.slice(1)}`;
    expect(signer.check(`${id}.${seconds}.${flipped}`, now)).toEqual({ ok: false, reason: 'tampered' });
  });

  it('calls anything not shaped like a token malformed', () => {
    for (const token of ['', 'abc', `${id}.x.y`, `${signer.sign(id, later)}=`, '../../etc/passwd'])
      expect(signer.check(token, now)).toEqual({ ok: false, reason: 'malformed' });
  });
});
