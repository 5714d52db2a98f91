import { defaultOutboundFetch, InvalidInputError, type NodeContext, type NodeType, TimeoutError } from '@baton/engine';
import { credentialIdSetting, readCredential } from '../credentials/read-credential.js';
import { HttpStatusError } from './http-status.error.js';

const CREDENTIAL_KINDS = ['http.bearer', 'http.basic', 'http.header'] as const;

interface HttpRequestSettings {
  url: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';
  headers: Record<string, string>;
  query: Record<string, string | number | boolean>;
  body?: unknown;
  bodyType: 'json' | 'text';
  responseType: 'auto' | 'json' | 'text';
  timeoutMs: number;
  failOnStatus: boolean;
  credentialId?: string;
}

export interface HttpResponseOutput {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** Calls an HTTP endpoint. 5xx/408/429 fail as retryable, other 4xx as permanent, unless told not to fail. */
export const httpRequestNode: NodeType<HttpRequestSettings> = {
  type: 'http.request',
  version: 1,
  title: 'HTTP request',
  group: 'action',
  description: 'Sends a request and outputs { status, headers, body }; JSON bodies are parsed.',
  inputs: [{ name: 'in', dataType: 'any' }],
  outputs: [{ name: 'out', dataType: 'object' }],
  settingsSchema: {
    type: 'object',
    properties: {
      url: { type: 'string', description: 'Absolute http(s) URL; templates allowed.' },
      method: { type: 'string', enum: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'], default: 'GET' },
      headers: { type: 'object', default: {} },
      query: { type: 'object', default: {} },
      body: { description: 'Sent as JSON (bodyType json) or as a string (bodyType text).' },
      bodyType: { type: 'string', enum: ['json', 'text'], default: 'json' },
      responseType: { type: 'string', enum: ['auto', 'json', 'text'], default: 'auto' },
      timeoutMs: { type: 'integer', minimum: 1, default: 30_000 },
      failOnStatus: { type: 'boolean', default: true, description: 'Fail on 4xx/5xx instead of outputting them.' },
      credentialId: credentialIdSetting(CREDENTIAL_KINDS),
    },
    required: ['url'],
  },
  credentialKinds: [...CREDENTIAL_KINDS],
  outputSchema: {
    type: 'object',
    properties: { status: { type: 'integer' }, headers: { type: 'object' }, body: {} },
    required: ['status', 'headers', 'body'],
  },
  canStart: false,
  // A retried POST may repeat a side effect; the idempotency key header lets servers dedupe.
  replaySafe: false,
  // Sends ctx.idempotencyKey as Idempotency-Key: after a crash the same attempt is sent again with it.
  deduplicatesByIdempotencyKey: true,
  retryDefaults: { maxAttempts: 3, initialIntervalMs: 1000, backoffRate: 2 },
  traits: { callsExternal: true, estimatedDurationMs: 1000 },
  async run({ settings }, ctx) {
    const url = buildUrl(settings.url, settings.query);
    const headers: Record<string, string> = { 'idempotency-key': ctx.idempotencyKey, ...settings.headers };
    if (settings.credentialId) {
      for (const [name, value] of Object.entries(await credentialHeaders(ctx, settings.credentialId))) {
        for (const key of Object.keys(headers)) if (key.toLowerCase() === name) delete headers[key];
        headers[name] = value;
      }
    }
    let body: string | undefined;
    if (
      settings.body !== undefined &&
      settings.body !== null &&
      settings.method !== 'GET' &&
      settings.method !== 'HEAD'
    ) {
      body = settings.bodyType === 'text' ? String(settings.body) : JSON.stringify(settings.body);
      if (settings.bodyType === 'json') headers['content-type'] ??= 'application/json';
    }
    const doFetch = ctx.services.fetch ?? defaultOutboundFetch();
    const timeout = AbortSignal.timeout(settings.timeoutMs);
    let output: HttpResponseOutput;
    try {
      const response = await doFetch(url, {
        method: settings.method,
        headers,
        body,
        signal: AbortSignal.any([ctx.signal, timeout]),
      });
      output = {
        status: response.status,
        headers: readHeaders(response.headers),
        body: await readBody(response, settings.responseType),
      };
    } catch (error) {
      // fetch only says "The operation was aborted due to timeout"; name the request instead.
      if (timeout.aborted && !ctx.signal.aborted) {
        throw new TimeoutError(`${settings.method} ${url} did not answer within ${settings.timeoutMs} ms`);
      }
      throw error;
    }
    if (settings.failOnStatus && output.status >= 400)
      throw new HttpStatusError(output.status, output.body, url.toString());
    return { output };
  },
};

/** The header a credential adds; it replaces a same-named header from the settings. */
async function credentialHeaders(ctx: NodeContext, credentialId: string): Promise<Record<string, string>> {
  const credential = await readCredential(ctx, credentialId, CREDENTIAL_KINDS);
  if (credential.kind === 'http.bearer') return { authorization: `Bearer ${credential.values.token}` };
  if (credential.kind === 'http.basic') {
    const { username, password } = credential.values;
    return { authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` };
  }
  return { [credential.values.name.toLowerCase()]: credential.values.value };
}

function readHeaders(headers: Headers): Record<string, string> {
  const result: Record<string, string> = {};
  headers.forEach((value, key) => (result[key] = value));
  return result;
}

function buildUrl(raw: string, query: HttpRequestSettings['query']): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InvalidInputError(`Invalid URL "${raw}"`, 'INVALID_URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new InvalidInputError(`Unsupported protocol ${url.protocol}`, 'INVALID_URL');
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, String(value));
  return url;
}

async function readBody(response: Response, responseType: HttpRequestSettings['responseType']): Promise<unknown> {
  const text = await response.text();
  const isJson =
    responseType === 'json' ||
    (responseType === 'auto' && /[/+]json\b/.test(response.headers.get('content-type') ?? ''));
  if (!isJson || text === '') return text === '' && isJson ? null : text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new InvalidInputError('Response body is not valid JSON', 'INVALID_RESPONSE');
  }
}
