/**
 * The `X-Baton-Signature` header value for a signed webhook call: `t=<unix seconds>,v1=<hex>`,
 * where v1 is HMAC-SHA256(secret, t + "." + body). Send `body` byte for byte as signed; the
 * server accepts each signature once, within its tolerance (BATON_WEBHOOK_SIGNATURE_TOLERANCE_SECONDS).
 * Web Crypto only, so it runs in Node 20+ and in browsers.
 */
export async function signWebhook(
  secret: string,
  body: string | Uint8Array,
  timestamp: number = Math.floor(Date.now() / 1000),
): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  const bytes = typeof body === 'string' ? encoder.encode(body) : body;
  const prefix = encoder.encode(`${timestamp}.`);
  const message = new Uint8Array(prefix.length + bytes.length);
  message.set(prefix);
  message.set(bytes, prefix.length);
  const signature = new Uint8Array(await crypto.subtle.sign('HMAC', key, message));
  const hex = Array.from(signature, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `t=${timestamp},v1=${hex}`;
}

/** The header a signed webhook call carries. */
export const WEBHOOK_SIGNATURE_HEADER = 'X-Baton-Signature';
