import { PermanentError, TransientError } from '@baton/engine';
import { randomUUID } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import { BrowserPool, type BrowserLease } from './browser-pool.js';
import {
  type OutboundHostResolver,
  startGuardedBrowserProxy,
  type GuardedBrowserProxy,
} from './guarded-browser-proxy.js';
import type { PageHandle } from './page-handle.js';

export interface BrowserSessionsOptions {
  /** `BATON_CHROMIUM_PATH`, default `/usr/bin/chromium`. */
  chromiumPath?: string;
  /** `BATON_BROWSER_POOL_SIZE`: Chromium processes at once in this process (default 2). */
  poolSize?: number;
  /** Execution contexts one Chromium hosts (default 4). */
  contextsPerBrowser?: number;
  /** The outbound policy every connection of the page obeys (createGuardedHostResolver). */
  resolveHost: OutboundHostResolver;
  /** A context nobody used for this long is closed anyway (default 10 min). */
  idleTimeoutMs?: number;
  /** How often contexts are checked against `isExecutionOpen` and `idleTimeoutMs` (default 15 s). */
  sweepMs?: number;
  /** How long a Chromium with no context waits for the next (default 30 s). */
  idleBrowserMs?: number;
}

/** Most pages one execution may keep open at once (a browser.open inside a loop). */
export const MAX_PAGES_PER_EXECUTION = 20;

interface Session {
  executionId: string;
  lease: BrowserLease;
  context: BrowserContext;
  proxy: GuardedBrowserProxy;
  pages: Map<string, Page>;
  /** Hosts the proxy refused, for the step's log and for browser.open's error. */
  blocked: Array<{ host: string; reason: string }>;
  lastUsed: number;
}

export interface OpenPageOptions {
  viewport: { width: number; height: number };
}

/**
 * The browser contexts of this process, one per execution: every browser node of an execution
 * shares its cookies and pages, as the seed's `Environment` did. A context lives in this process
 * only; `page(handle)` in another process fails with the retryable `BROWSER_SESSION_LOST`.
 * Contexts close on `closeExecution` (the engine's execution-end hook), when `isExecutionOpen`
 * says the run ended elsewhere, after `idleTimeoutMs`, and at `close()`.
 */
export class BrowserSessions {
  /** Identifies this instance (process) in page handles. */
  readonly owner = randomUUID();
  private readonly pool: BrowserPool;
  private readonly sessions = new Map<string, Promise<Session>>();
  private readonly sweeper: NodeJS.Timeout;
  private readonly idleTimeoutMs: number;
  private isExecutionOpen: ((executionId: string) => Promise<boolean>) | null = null;

  constructor(private readonly options: BrowserSessionsOptions) {
    this.pool = new BrowserPool({
      chromiumPath: options.chromiumPath ?? '/usr/bin/chromium',
      size: options.poolSize ?? 2,
      contextsPerBrowser: options.contextsPerBrowser ?? 4,
      idleBrowserMs: options.idleBrowserMs ?? 30_000,
    });
    this.idleTimeoutMs = options.idleTimeoutMs ?? 10 * 60_000;
    this.sweeper = setInterval(() => void this.sweep(), options.sweepMs ?? 15_000);
    this.sweeper.unref();
  }

  /**
   * Asked on every sweep: is the execution still open? An execution that ended in another
   * process (a cancel through the API, the last step on another worker) releases its context
   * here. Attached after construction: the engine that answers it is built with these sessions.
   */
  attachExecutionLookup(isExecutionOpen: (executionId: string) => Promise<boolean>): void {
    this.isExecutionOpen = isExecutionOpen;
  }

  /** Opens a new page in the execution's context (created, and a browser leased, on first use). */
  async openPage(
    executionId: string,
    options: OpenPageOptions,
    signal: AbortSignal,
  ): Promise<{ handle: PageHandle; page: Page }> {
    const session = await this.sessionOf(executionId, signal);
    if (session.pages.size >= MAX_PAGES_PER_EXECUTION)
      throw new PermanentError(
        `an execution may keep at most ${MAX_PAGES_PER_EXECUTION} pages open; close some with browser.close`,
        'BROWSER_TOO_MANY_PAGES',
      );
    const page = await this.guard(session, () => session.context.newPage());
    await page.setViewportSize(options.viewport);
    const pageId = randomUUID();
    session.pages.set(pageId, page);
    page.once('close', () => session.pages.delete(pageId));
    session.lastUsed = Date.now();
    return { handle: { kind: 'browser.page', executionId, pageId, owner: this.owner }, page };
  }

  /** The live page a handle names, or a retryable error saying why there is none. */
  async page(handle: PageHandle, executionId: string): Promise<Page> {
    if (handle.executionId !== executionId)
      throw new PermanentError('this page belongs to another execution', 'BROWSER_PAGE_FOREIGN');
    const session = await this.sessions.get(executionId)?.catch(() => undefined);
    if (handle.owner !== this.owner || !session) throw sessionLost();
    if (session.lease.crashed()) throw crashed();
    const page = session.pages.get(handle.pageId);
    if (!page || page.isClosed())
      throw new PermanentError('this page was closed (browser.close)', 'BROWSER_PAGE_CLOSED');
    session.lastUsed = Date.now();
    return page;
  }

  /** Runs one Playwright operation, turning a crashed browser into the retryable `BROWSER_CRASHED`. */
  async guard<T>(session: Session | string, operation: () => Promise<T>): Promise<T> {
    const found = typeof session === 'string' ? await this.sessions.get(session)?.catch(() => undefined) : session;
    try {
      return await operation();
    } catch (error) {
      // A dead browser, or a renderer that crashed under this page.
      if (found?.lease.crashed() || /Target crashed|Page crashed/i.test(String(error))) throw crashed(error);
      throw error;
    }
  }

  /** Hosts the guarded proxy refused for this execution since the last call. */
  takeBlocked(executionId: string): Promise<Array<{ host: string; reason: string }>> {
    return (this.sessions.get(executionId) ?? Promise.reject(new Error('none')))
      .then((session) => session.blocked.splice(0))
      .catch(() => []);
  }

  async closePage(handle: PageHandle): Promise<void> {
    const session = await this.sessions.get(handle.executionId)?.catch(() => undefined);
    const page = session?.pages.get(handle.pageId);
    if (!session || !page) return;
    session.pages.delete(handle.pageId);
    await page.close().catch(() => undefined);
    if (session.pages.size === 0) await this.closeExecution(handle.executionId);
  }

  /** Closes the execution's context and frees its browser lease; safe to call for any execution. */
  async closeExecution(executionId: string): Promise<void> {
    const pending = this.sessions.get(executionId);
    if (!pending) return;
    this.sessions.delete(executionId);
    const session = await pending.catch(() => undefined);
    if (!session) return;
    await session.context.close().catch(() => undefined);
    await session.proxy.close().catch(() => undefined);
    session.lease.release();
  }

  /** Executions with a context in this process (for tests and metrics). */
  openExecutions(): string[] {
    return [...this.sessions.keys()];
  }

  /** Process shutdown: every context and browser closed. */
  async close(): Promise<void> {
    clearInterval(this.sweeper);
    await Promise.all([...this.sessions.keys()].map((id) => this.closeExecution(id)));
    await this.pool.close();
  }

  private sessionOf(executionId: string, signal: AbortSignal): Promise<Session> {
    let pending = this.sessions.get(executionId);
    if (!pending) {
      pending = this.createSession(executionId, signal);
      this.sessions.set(executionId, pending);
      // A failed start leaves nothing behind: the next browser.open tries afresh.
      pending.catch(() => {
        if (this.sessions.get(executionId) === pending) this.sessions.delete(executionId);
      });
    }
    return pending;
  }

  private async createSession(executionId: string, signal: AbortSignal): Promise<Session> {
    const lease = await this.pool.acquire(signal);
    const blocked: Session['blocked'] = [];
    let proxy: GuardedBrowserProxy | undefined;
    try {
      proxy = await startGuardedBrowserProxy(this.options.resolveHost, (host, reason) => {
        if (blocked.length < 50) blocked.push({ host, reason });
      });
      const context = await lease.browser.newContext({
        // `<-loopback>` sends loopback through the proxy too (Chromium bypasses it by default).
        proxy: { server: proxy.url, bypass: '<-loopback>', username: proxy.username, password: proxy.password },
        acceptDownloads: false,
        serviceWorkers: 'block',
      });
      return { executionId, lease, context, proxy, pages: new Map(), blocked, lastUsed: Date.now() };
    } catch (error) {
      await proxy?.close().catch(() => undefined);
      lease.release();
      if (lease.crashed()) throw crashed(error);
      throw error;
    }
  }

  private async sweep(): Promise<void> {
    const now = Date.now();
    for (const [executionId, pending] of this.sessions) {
      const session = await pending.catch(() => undefined);
      if (!session) continue;
      const idle = now - session.lastUsed > this.idleTimeoutMs;
      const lookup = this.isExecutionOpen;
      const ended = session.lease.crashed() || (lookup !== null && !(await lookup(executionId).catch(() => true)));
      if (idle || ended) await this.closeExecution(executionId);
    }
  }
}

function sessionLost(): TransientError {
  return new TransientError(
    'no live browser context for this page in this process: the page lives in the process that ran browser.open ' +
      '(it ended, restarted, or this step was delivered to another worker); run the workflow again',
    'BROWSER_SESSION_LOST',
  );
}

function crashed(cause?: unknown): TransientError {
  return new TransientError('the browser crashed or was closed while the step ran', 'BROWSER_CRASHED', {
    cause,
  });
}
