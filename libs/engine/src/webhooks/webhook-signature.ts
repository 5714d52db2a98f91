import { createHmac } from 'node:crypto';

/** The header a signed Baton webhook call carries: `t=<unix seconds>,v1=<hex>`. */
export const WEBHOOK_SIGNATURE_HEADER = 'X-Baton-Signature';

/**
 * The hex HMAC-SHA256 of `timestamp + "." + body` under `secret`: what Baton's webhook triggers
 * verify and what the `webhook.send` node signs with, so one Baton can call another's webhook.
 */
export function signWebhookPayload(secret: string, timestamp: string, body: Buffer | string): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

/** The whole `X-Baton-Signature` value for `body` sent at `timestamp` (unix seconds). */
export function formatWebhookSignature(secret: string, body: Buffer | string, timestamp: number): string {
  return `t=${timestamp},v1=${signWebhookPayload(secret, String(timestamp), body)}`;
}
