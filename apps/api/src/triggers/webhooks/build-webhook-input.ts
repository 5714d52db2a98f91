import { validationFailed } from '../../common/domain.error';

/** Headers that carry credentials: never copied into an execution's input (it is stored and shown). */
const CREDENTIAL_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'x-api-key',
  'x-baton-signature',
]);
const CREDENTIAL_PATTERN = /(secret|token|password|passwd|signature|api[-_]?key|auth|session)/i;

export interface WebhookRequestParts {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  query: Record<string, unknown>;
  rawBody: Buffer;
}

/** The execution input of a webhook call: `{ body, headers, query, method }`, minus secrets. */
export function buildWebhookInput(request: WebhookRequestParts): Record<string, unknown> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    const key = name.toLowerCase();
    if (value === undefined || CREDENTIAL_HEADERS.has(key) || CREDENTIAL_PATTERN.test(key)) continue;
    headers[key] = Array.isArray(value) ? value.join(', ') : value;
  }
  return {
    body: parseBody(request.rawBody, headers['content-type']),
    headers,
    query: request.query,
    method: request.method,
  };
}

/** JSON and form bodies become data; any other body is kept as text. */
function parseBody(raw: Buffer, contentType: string | undefined): unknown {
  if (!raw.length) return null;
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  const text = raw.toString('utf8');
  if (type === 'application/json' || type.endsWith('+json')) {
    try {
      return JSON.parse(text);
    } catch {
      throw validationFailed('body: is not valid JSON (Content-Type says JSON)');
    }
  }
  if (type === 'application/x-www-form-urlencoded') return Object.fromEntries(new URLSearchParams(text));
  return text;
}
