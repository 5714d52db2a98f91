import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import ipaddr from 'ipaddr.js';
import { Agent, fetch as undiciFetch, type RequestInit as UndiciRequestInit } from 'undici';
import { PermanentError, TimeoutError } from '../errors/engine.error.js';
import { DEFAULT_OUTBOUND_HTTP_POLICY, DestinationRules, type OutboundHttpPolicy } from './outbound-http-policy.js';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * A `fetch` for user-chosen destinations (the `http.request` node, ASL `http:invoke`): only
 * `http:`/`https:`, only addresses the policy allows, checked on the address each connection
 * actually uses (a custom DNS lookup inside the connection, so a name that resolves to a public
 * address when checked and to 127.0.0.1 when connecting cannot slip through) and again on every
 * redirect hop; a default timeout; the body read up to a size cap.
 */
export function createGuardedFetch(policy: Partial<OutboundHttpPolicy> = {}): typeof fetch {
  const settings = { ...DEFAULT_OUTBOUND_HTTP_POLICY, ...policy };
  const rules = new DestinationRules(settings.allowHosts);
  const dispatcher = new Agent({ connect: { lookup: guardedLookup(rules) } });

  const guardedFetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    let url = new URL(input instanceof Request ? input.url : String(input));
    let method = (init.method ?? 'GET').toUpperCase();
    let body = init.body;
    const headers = new Headers(init.headers);
    const timeout = AbortSignal.timeout(settings.timeoutMs);
    const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    try {
      for (let hop = 0; ; hop++) {
        checkUrl(url, rules);
        const response = await undiciFetch(url, {
          method,
          headers,
          body,
          signal,
          redirect: 'manual',
          dispatcher,
        } as unknown as UndiciRequestInit);
        const location = response.headers.get('location');
        if (!REDIRECT_STATUSES.has(response.status) || !location) {
          return await readCapped(response as unknown as Response, settings.maxResponseBytes, url);
        }
        await response.body?.cancel();
        if (hop >= settings.maxRedirects)
          throw new PermanentError(
            `${url.origin} redirected more than ${settings.maxRedirects} times`,
            'HTTP_TOO_MANY_REDIRECTS',
          );
        const next = new URL(location, url);
        // Credentials meant for one origin never follow a redirect to another (as browsers do).
        if (next.origin !== url.origin) {
          headers.delete('authorization');
          headers.delete('cookie');
        }
        if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
          method = method === 'HEAD' ? 'HEAD' : 'GET';
          body = undefined;
          headers.delete('content-type');
        }
        url = next;
      }
    } catch (error) {
      throw explain(error, url, timeout, init.signal, settings.timeoutMs);
    }
  };
  return guardedFetch as typeof fetch;
}

/** A destination the outbound policy refuses. Never retried: it will be refused again. */
export class HttpDestinationBlockedError extends PermanentError {
  constructor(message: string) {
    super(message, 'HTTP_DESTINATION_BLOCKED');
  }
}

function checkUrl(url: URL, rules: DestinationRules): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new HttpDestinationBlockedError(`Only http: and https: URLs may be called, not ${url.protocol}`);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  // An IP literal connects without any lookup, so it is checked here; names are checked when resolved.
  if (ipaddr.isValid(host) && !rules.allowsName(host) && !rules.allowsAddress(host)) throw blocked(url.hostname, host);
}

function blocked(hostname: string, address: string): HttpDestinationBlockedError {
  return new HttpDestinationBlockedError(
    `${hostname} (${address}) is not a public address; add it to BATON_HTTP_ALLOW_HOSTS to allow it`,
  );
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

function guardedLookup(rules: DestinationRules) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      if (!rules.allowsName(hostname)) {
        // Every address must pass: a name resolving to both a public and a private address is refused.
        const refused = addresses.find((a) => !rules.allowsAddress(a.address));
        if (refused) return callback(blocked(hostname, refused.address) as unknown as NodeJS.ErrnoException, []);
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), []);
      return callback(null, first.address, first.family);
    });
  };
}

async function readCapped(response: Response, maxBytes: number, url: URL): Promise<Response> {
  const tooLarge = () =>
    new PermanentError(`${url.origin} answered with more than ${maxBytes} bytes`, 'HTTP_RESPONSE_TOO_LARGE');
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (response.body) {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      total += chunk.byteLength;
      if (total > maxBytes) throw tooLarge();
      chunks.push(chunk);
    }
  }
  const status = response.status;
  return new Response(NULL_BODY_STATUSES.has(status) ? null : Buffer.concat(chunks), {
    status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

// undici reports every connection failure as "fetch failed" with the reason in `cause`.
function explain(
  error: unknown,
  url: URL,
  timeout: AbortSignal,
  callerSignal: AbortSignal | null | undefined,
  timeoutMs: number,
): unknown {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    if (e instanceof PermanentError) return e;
  }
  if (timeout.aborted && !callerSignal?.aborted)
    return new TimeoutError(`${url.origin} did not answer within ${timeoutMs} ms`, 'HTTP_TIMEOUT');
  return error;
}
