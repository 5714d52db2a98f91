import { EngineError, InvalidInputError, type NodeContext, TimeoutError } from '@baton/engine';
import { errors, type Page } from 'playwright-core';
import { defaultGuardedHostResolver } from '../net/create-guarded-host-resolver.js';
import { BrowserSessions } from './browser-sessions.js';
import { type PageHandle, readPageHandle } from './page-handle.js';

/** Default wait of element operations (fill, click, waitFor) when the node sets none. */
export const DEFAULT_ELEMENT_TIMEOUT_MS = 10_000;

let fallbackSessions: BrowserSessions | undefined;

/**
 * The process's browser contexts: `ctx.services.browser` as the composition root bound it, else
 * one instance with the defaults (Debian's Chromium, public destinations only).
 */
export function browserSessionsOf(ctx: NodeContext): BrowserSessions {
  const bound = ctx.services['browser'];
  if (bound instanceof BrowserSessions) return bound;
  fallbackSessions ??= new BrowserSessions({
    resolveHost: ctx.services.resolveOutboundHost ?? defaultGuardedHostResolver(),
  });
  return fallbackSessions;
}

/**
 * Runs `operation` on the page the `page` input names: stops waiting when the step is cancelled
 * or times out, logs what the guarded proxy refused meanwhile, and turns Playwright's errors into
 * the engine's (a crashed browser is the retryable `BROWSER_CRASHED`).
 */
export async function runOnPage<T>(
  handles: Record<string, unknown>,
  ctx: NodeContext,
  operation: (page: Page, handle: PageHandle) => Promise<T>,
): Promise<T> {
  const sessions = browserSessionsOf(ctx);
  const handle = readPageHandle(handles);
  const page = await sessions.page(handle, ctx.executionId);
  try {
    return await untilAborted(
      ctx.signal,
      sessions.guard(handle.executionId, () => operation(page, handle)),
    );
  } catch (error) {
    throw toEngineError(error);
  } finally {
    for (const { host, reason } of await sessions.takeBlocked(handle.executionId))
      ctx.log.warn(`the page tried to reach ${host}, which outbound connections may not reach`, { reason });
  }
}

/** Rejects with the signal's reason as soon as it aborts; the operation is left to the context close. */
export function untilAborted<T>(signal: AbortSignal, work: Promise<T>): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason);
    signal.addEventListener('abort', abort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

/** Playwright's failures as engine errors; engine errors pass unchanged. */
export function toEngineError(error: unknown): unknown {
  if (error instanceof EngineError) return error;
  if (error instanceof errors.TimeoutError) return new TimeoutError(firstLine(error), 'BROWSER_TIMEOUT');
  const message = error instanceof Error ? firstLine(error) : String(error);
  if (/not a valid selector|Unexpected token|Unknown engine|selector.*(malformed|invalid)/i.test(message))
    return new InvalidInputError(message, 'INVALID_SELECTOR');
  return error;
}

function firstLine(error: Error): string {
  return error.message.split('\n')[0];
}
