import { AslError, STATES } from '../definition/asl.error.js';
import type { NodeContext } from '../../nodes/node-type.js';
import { defaultOutboundFetch } from '../../http/default-outbound-fetch.js';

export const HTTP_INVOKE_RESOURCE = 'arn:aws:states:::http:invoke';

interface HttpInvokeParameters {
  ApiEndpoint?: unknown;
  Method?: unknown;
  Headers?: unknown;
  QueryParameters?: unknown;
  RequestBody?: unknown;
}

/**
 * The Step Functions HTTP task: `{ ApiEndpoint, Method, Headers, QueryParameters, RequestBody }`
 * in, `{ StatusCode, StatusText, Headers, ResponseBody }` out. A 4xx/5xx answer fails with
 * `States.Http.StatusCode.<code>`, as AWS does. (Authentication/connections are not modelled.)
 */
export async function runHttpInvoke(parameters: unknown, ctx: NodeContext): Promise<unknown> {
  const p = (parameters ?? {}) as HttpInvokeParameters;
  if (typeof p.ApiEndpoint !== 'string')
    throw new AslError(STATES.Runtime, 'http:invoke needs Parameters.ApiEndpoint (a URL string)');
  const method = typeof p.Method === 'string' ? p.Method.toUpperCase() : 'GET';
  let url: URL;
  try {
    url = new URL(p.ApiEndpoint);
  } catch {
    throw new AslError(STATES.Runtime, `http:invoke ApiEndpoint "${p.ApiEndpoint}" is not a valid URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new AslError(STATES.Runtime, `http:invoke ApiEndpoint must be an http: or https: URL, not ${url.protocol}`);
  for (const [key, value] of Object.entries((p.QueryParameters ?? {}) as Record<string, unknown>))
    url.searchParams.set(key, String(value));
  const headers: Record<string, string> = { 'idempotency-key': ctx.idempotencyKey };
  for (const [key, value] of Object.entries((p.Headers ?? {}) as Record<string, unknown>))
    headers[key.toLowerCase()] = String(value);
  let body: string | undefined;
  if (p.RequestBody !== undefined && method !== 'GET' && method !== 'HEAD') {
    body = typeof p.RequestBody === 'string' ? p.RequestBody : JSON.stringify(p.RequestBody);
    headers['content-type'] ??= 'application/json';
  }
  // The guarded fetch refuses non-public destinations, times out (30 s by default) and caps the body.
  const doFetch = ctx.services.fetch ?? defaultOutboundFetch();
  const response = await doFetch(url, { method, headers, body, signal: ctx.signal });
  const text = await response.text();
  let responseBody: unknown = text;
  try {
    responseBody = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON: the body stays a string.
  }
  const responseHeaders: Record<string, string> = {};
  response.headers.forEach((value, key) => (responseHeaders[key] = value));
  if (response.status >= 400) {
    throw new AslError(
      `${STATES.Http}.StatusCode.${response.status}`,
      JSON.stringify({ StatusCode: response.status, ResponseBody: responseBody }),
    );
  }
  return {
    StatusCode: response.status,
    StatusText: response.statusText,
    Headers: responseHeaders,
    ResponseBody: responseBody,
  };
}
