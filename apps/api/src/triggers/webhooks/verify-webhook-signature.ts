import { signWebhookPayload } from '@baton/engine';
import { timingSafeEqual } from 'node:crypto';

// The signing format lives in the engine, shared with the webhook.send node; re-exported for the tests.
export { signWebhookPayload };

/** When ok: the timestamp and the signature that matched, which identify this exact request. */
export type SignatureCheck = { ok: true; timestamp: number; signature: string } | { ok: false; reason: string };

/**
 * Checks `X-Baton-Signature: t=<unix seconds>,v1=<hex>` where v1 is HMAC-SHA256(secret, t + "." + rawBody).
 * The timestamp must be within `toleranceSeconds` of `now` (either way), so a captured request
 * cannot be replayed later; several v1 values are accepted (secret rotation). Constant-time compare.
 */
export function verifyWebhookSignature(
  header: string | undefined,
  rawBody: Buffer,
  secret: string,
  now: Date,
  toleranceSeconds: number,
): SignatureCheck {
  if (!header) return { ok: false, reason: 'X-Baton-Signature header is missing' };
  const parts = header.split(',').map((part) => part.trim().split('='));
  const timestamp = parts.find(([key]) => key === 't')?.[1];
  const candidates = parts.filter(([key, value]) => key === 'v1' && value).map(([, value]) => value);
  if (!timestamp || !/^\d{1,12}$/.test(timestamp) || !candidates.length) {
    return { ok: false, reason: 'X-Baton-Signature must look like t=<unix seconds>,v1=<hex>' };
  }
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > toleranceSeconds) {
    return { ok: false, reason: `X-Baton-Signature timestamp is outside the ${toleranceSeconds} s tolerance` };
  }
  const expected = signWebhookPayload(secret, timestamp, rawBody);
  const matches = candidates.some((candidate) => {
    const given = Buffer.from(candidate, 'utf8');
    const wanted = Buffer.from(expected, 'utf8');
    return given.length === wanted.length && timingSafeEqual(given, wanted);
  });
  return matches
    ? { ok: true, timestamp: Number(timestamp), signature: expected }
    : { ok: false, reason: 'X-Baton-Signature does not match the body' };
}
