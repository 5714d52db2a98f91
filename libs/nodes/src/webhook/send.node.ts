import {
  defaultOutboundFetch,
  formatWebhookSignature,
  InvalidInputError,
  type NodeType,
  TimeoutError,
  WEBHOOK_SIGNATURE_HEADER,
} from '@baton/engine';
import { credentialIdSetting, readCredential } from '../credentials/read-credential.js';
import { HttpStatusError } from '../http/http-status.error.js';

interface WebhookSendSettings {
  url: string;
  body?: unknown;
  headers: Record<string, string>;
  credentialId?: string;
  timeoutMs: number;
  failOnStatus: boolean;
}

const MAX_TIMEOUT_MS = 300_000;
// Headers the node sets itself: a setting cannot forge a signature or drop the idempotency key.
const OWN_HEADERS = new Set(['content-type', 'idempotency-key', WEBHOOK_SIGNATURE_HEADER.toLowerCase()]);

/** POSTs JSON to a webhook, optionally signed the way Baton's own webhook triggers verify. */
export const webhookSendNode: NodeType<WebhookSendSettings> = {
  type: 'webhook.send',
  version: 1,
  title: 'Send webhook',
  group: 'action',
  description:
    'POSTs JSON (default: the input) with an Idempotency-Key and, with a secret credential, an X-Baton-Signature; outputs { status, headers, body }.',
  inputs: [{ name: 'in', dataType: 'any' }],
  outputs: [{ name: 'out', dataType: 'object' }],
  settingsSchema: {
    type: 'object',
    properties: {
      url: { type: 'string', description: 'Absolute http(s) URL, e.g. another Baton’s /api/webhooks/<token>.' },
      body: { description: 'JSON to send; templates allowed. Defaults to the input.' },
      headers: { type: 'object', default: {} },
      credentialId: {
        ...credentialIdSetting(['secret']),
        description:
          'Optional `secret` credential: signs the body as `X-Baton-Signature: t=<unix>,v1=<HMAC-SHA256 hex of "t.body">`.',
      },
      timeoutMs: { type: 'integer', minimum: 1, default: 30_000, description: `At most ${MAX_TIMEOUT_MS} ms.` },
      failOnStatus: { type: 'boolean', default: true, description: 'Fail on 4xx/5xx (5xx, 408, 429 retryable).' },
    },
    required: ['url'],
  },
  credentialKinds: ['secret'],
  outputSchema: {
    type: 'object',
    properties: { status: { type: 'integer' }, headers: { type: 'object' }, body: {} },
    required: ['status', 'headers', 'body'],
  },
  canStart: false,
  // A replay delivers again; the receiver dedupes on the Idempotency-Key (Baton's webhooks do).
  replaySafe: false,
  // Sends ctx.idempotencyKey as Idempotency-Key: after a crash the same attempt is sent again with it.
  deduplicatesByIdempotencyKey: true,
  retryDefaults: { maxAttempts: 3, initialIntervalMs: 1000, backoffRate: 2 },
  traits: { callsExternal: true, estimatedDurationMs: 1000 },
  async run({ data, settings }, ctx) {
    const url = checkedUrl(settings.url);
    const timeoutMs = settings.timeoutMs ?? 30_000;
    if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > MAX_TIMEOUT_MS)
      throw new InvalidInputError(`timeoutMs must be an integer between 1 and ${MAX_TIMEOUT_MS}`, 'INVALID_SETTING');
    const body = JSON.stringify(settings.body === undefined ? (data ?? null) : settings.body);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(settings.headers ?? {}))
      if (!OWN_HEADERS.has(name.toLowerCase())) headers[name] = String(value);
    headers['content-type'] = 'application/json';
    headers['idempotency-key'] = ctx.idempotencyKey;
    if (settings.credentialId) {
      const { values } = await readCredential(ctx, settings.credentialId, 'secret');
      headers[WEBHOOK_SIGNATURE_HEADER] = formatWebhookSignature(values.value, body, Math.floor(Date.now() / 1000));
    }
    const doFetch = ctx.services.fetch ?? defaultOutboundFetch();
    const timeout = AbortSignal.timeout(timeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await doFetch(url, { method: 'POST', headers, body, signal: AbortSignal.any([ctx.signal, timeout]) });
      text = await response.text();
    } catch (error) {
      if (ctx.signal.aborted) throw ctx.signal.reason;
      if (timeout.aborted) throw new TimeoutError(`POST ${url} did not answer within ${timeoutMs} ms`);
      throw error;
    }
    const output = { status: response.status, headers: readHeaders(response.headers), body: parseBody(text, response) };
    if ((settings.failOnStatus ?? true) && response.status >= 400)
      throw new HttpStatusError(response.status, output.body, url.toString());
    return { output };
  },
};

function checkedUrl(raw: unknown): URL {
  let url: URL;
  try {
    url = new URL(String(raw));
  } catch {
    throw new InvalidInputError(`Invalid URL "${String(raw)}"`, 'INVALID_URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new InvalidInputError(`Unsupported protocol ${url.protocol}`, 'INVALID_URL');
  return url;
}

function readHeaders(headers: Headers): Record<string, string> {
  const result: Record<string, string> = {};
  headers.forEach((value, key) => (result[key] = value));
  return result;
}

/** JSON answers parsed, anything else kept as text. */
function parseBody(text: string, response: Response): unknown {
  if (!/[/+]json\b/.test(response.headers.get('content-type') ?? '')) return text;
  try {
    return text === '' ? null : (JSON.parse(text) as unknown);
  } catch {
    return text;
  }
}
