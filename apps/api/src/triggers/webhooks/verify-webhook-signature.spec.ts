import { describe, expect, it } from '@jest/globals';
import { signWebhookPayload, verifyWebhookSignature } from './verify-webhook-signature';

const secret = 'whsec_test';
const body = Buffer.from('{"order":42}');
const now = new Date('2030-01-01T00:00:00Z');
const t = String(now.getTime() / 1000);

describe('verifyWebhookSignature', () => {
  it('accepts the HMAC of t + "." + body within the tolerance', () => {
    const signature = signWebhookPayload(secret, t, body);
    // The timestamp and signature that matched identify this exact request (replay protection keys on them).
    expect(verifyWebhookSignature(`t=${t},v1=${signature}`, body, secret, now, 300)).toEqual({
      ok: true,
      timestamp: Number(t),
      signature,
    });
    // Any one of several v1 values may match (the sender rotates secrets).
    expect(
      verifyWebhookSignature(
        `t=${t}, v1=${'0'.repeat(64)}, v1=${signWebhookPayload(secret, t, body)}`,
        body,
        secret,
        now,
        300,
      ).ok,
    ).toBe(true);
  });

  it('refuses a missing, malformed, stale or mismatched signature with a reason', () => {
    expect(verifyWebhookSignature(undefined, body, secret, now, 300)).toEqual({
      ok: false,
      reason: 'X-Baton-Signature header is missing',
    });
    expect(verifyWebhookSignature('sha256=abc', body, secret, now, 300).ok).toBe(false);
    const old = String(now.getTime() / 1000 - 301);
    expect(
      verifyWebhookSignature(`t=${old},v1=${signWebhookPayload(secret, old, body)}`, body, secret, now, 300),
    ).toEqual({
      ok: false,
      reason: 'X-Baton-Signature timestamp is outside the 300 s tolerance',
    });
    expect(
      verifyWebhookSignature(
        `t=${t},v1=${signWebhookPayload(secret, t, Buffer.from('{"order":43}'))}`,
        body,
        secret,
        now,
        300,
      ),
    ).toEqual({
      ok: false,
      reason: 'X-Baton-Signature does not match the body',
    });
    expect(verifyWebhookSignature(`t=${t},v1=${signWebhookPayload('other', t, body)}`, body, secret, now, 300).ok).toBe(
      false,
    );
  });
});
