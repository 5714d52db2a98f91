import { InvalidInputError, type NodeType, PermanentError } from '@baton/engine';
import { browserSessionsOf, toEngineError, untilAborted } from './run-on-page.js';
import { PAGE_HANDLE_SCHEMA, PAGE_OUTPUT } from './page-handle.js';

interface BrowserOpenSettings {
  url: string;
  viewport: { width: number; height: number };
  waitUntil: 'load' | 'domcontentloaded' | 'networkidle' | 'commit';
  timeoutMs: number;
}

/**
 * Opens a page in the execution's browser context (Debian's Chromium, shared by every browser
 * node of the execution) and navigates to `url`. Every connection the page makes obeys the
 * outbound HTTP policy: a refused destination fails with `DESTINATION_BLOCKED`.
 */
export const browserOpenNode: NodeType<BrowserOpenSettings> = {
  type: 'browser.open',
  version: 1,
  title: 'Open page',
  group: 'action',
  description: 'Opens a page in a headless Chromium and loads a URL; hands the page on to other browser nodes.',
  inputs: [{ name: 'in', dataType: 'any' }],
  outputs: [PAGE_OUTPUT],
  settingsSchema: {
    type: 'object',
    properties: {
      url: { type: 'string', description: 'Absolute http(s) URL; templates allowed.' },
      viewport: {
        type: 'object',
        properties: {
          width: { type: 'integer', minimum: 100, maximum: 3840 },
          height: { type: 'integer', minimum: 100, maximum: 2160 },
        },
        required: ['width', 'height'],
        default: { width: 1280, height: 720 },
      },
      waitUntil: { type: 'string', enum: ['load', 'domcontentloaded', 'networkidle', 'commit'], default: 'load' },
      timeoutMs: { type: 'integer', minimum: 1, maximum: 300_000, default: 30_000 },
    },
    required: ['url'],
  },
  outputSchema: {
    type: 'object',
    properties: {
      page: PAGE_HANDLE_SCHEMA,
      url: { type: 'string', description: 'The URL after redirects' },
      status: { type: 'integer', description: 'HTTP status of the main document, or null' },
      title: { type: 'string' },
    },
    required: ['page', 'url', 'status', 'title'],
  },
  // A run may start here (the seed's launch_standard_browser did): the URL can use the execution input.
  canStart: true,
  replaySafe: true,
  retryDefaults: { maxAttempts: 2, initialIntervalMs: 1000, backoffRate: 2 },
  timeoutMs: 120_000,
  traits: { callsExternal: true, estimatedDurationMs: 3000 },
  async run({ settings }, ctx) {
    const url = parseHttpUrl(settings.url);
    const sessions = browserSessionsOf(ctx);
    const viewport = boundedViewport(settings.viewport);
    const { handle, page } = await sessions.openPage(ctx.executionId, { viewport }, ctx.signal);
    try {
      const response = await untilAborted(
        ctx.signal,
        sessions.guard(ctx.executionId, () =>
          page.goto(url.href, { waitUntil: settings.waitUntil, timeout: settings.timeoutMs }),
        ),
      );
      const blocked = await sessions.takeBlocked(ctx.executionId);
      for (const { host, reason } of blocked)
        ctx.log.warn(`the page tried to reach ${host}, which outbound connections may not reach`, { reason });
      const finalHost = new URL(response?.url() ?? page.url()).hostname.replace(/^\[|\]$/g, '');
      const refused = blocked.find((entry) => entry.host === finalHost);
      if (response?.status() === 403 && refused)
        throw new PermanentError(`${settings.url} led to ${refused.reason}`, 'DESTINATION_BLOCKED');
      return {
        output: { page: handle, url: page.url(), status: response?.status() ?? null, title: await page.title() },
      };
    } catch (error) {
      // A page that never loaded is closed at once rather than at the end of the run.
      const refused = (await sessions.takeBlocked(ctx.executionId))[0];
      await sessions.closePage(handle);
      // An https: destination refused by the proxy surfaces as a failed tunnel.
      if (refused && /ERR_TUNNEL_CONNECTION_FAILED/.test(String(error)))
        throw new PermanentError(`${settings.url} led to ${refused.reason}`, 'DESTINATION_BLOCKED');
      throw toEngineError(error);
    }
  },
};

// A template may produce any number: the schema's bounds hold at run time too.
function boundedViewport(viewport: { width?: unknown; height?: unknown } | undefined): {
  width: number;
  height: number;
} {
  const clamp = (value: unknown, fallback: number, max: number) =>
    Number.isInteger(value) ? Math.min(Math.max(value as number, 100), max) : fallback;
  return { width: clamp(viewport?.width, 1280, 3840), height: clamp(viewport?.height, 720, 2160) };
}

function parseHttpUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidInputError(`url "${value}" is not an absolute URL`, 'INVALID_URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new PermanentError(`Only http: and https: pages may be opened, not ${url.protocol}`, 'DESTINATION_BLOCKED');
  return url;
}
