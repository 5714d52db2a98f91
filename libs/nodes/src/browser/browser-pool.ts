import { TransientError } from '@baton/engine';
import { chromium, type Browser } from 'playwright-core';

export interface BrowserPoolOptions {
  /** Debian's Chromium (`BATON_CHROMIUM_PATH`); a browser build is never downloaded. */
  chromiumPath: string;
  /** Most Chromium processes this process runs at once (`BATON_BROWSER_POOL_SIZE`). */
  size: number;
  /** Contexts (executions) one browser hosts before another is launched or callers wait. */
  contextsPerBrowser: number;
  /** How long a browser with no context stays up for the next one (saves a ~1 s launch). */
  idleBrowserMs: number;
}

// The flags the machine's Chromium needs headless in a container; no background traffic of its own.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-dev-shm-usage',
  '--no-first-run',
  '--disable-sync',
  '--disable-domain-reliability',
  '--disable-client-side-phishing-detection',
  // Chromium's own calls home (autofill, hints): not the page's, and nothing the proxy should see.
  '--disable-features=AutofillServerCommunication,OptimizationHints,MediaRouter,Translate',
  // WebRTC could otherwise send UDP around the guarded proxy.
  '--force-webrtc-ip-handling-policy=disable_non_proxied_udp',
];

interface PooledBrowser {
  browser: Promise<Browser>;
  leases: number;
  crashed: boolean;
  idleTimer?: NodeJS.Timeout;
}

/** A lease on one pooled browser: `release` once the context opened in it is closed. */
export interface BrowserLease {
  browser: Browser;
  /** True once the Chromium process died or disconnected. */
  crashed(): boolean;
  release(): void;
}

/**
 * Bounds the Chromium processes of this process: at most `size` browsers, each hosting at most
 * `contextsPerBrowser` execution contexts. A caller beyond that waits for a lease until its
 * signal aborts. A browser that crashes leaves the pool; its contexts' steps fail retryably.
 */
export class BrowserPool {
  private readonly browsers: PooledBrowser[] = [];
  private readonly waiting: Array<() => void> = [];
  private closed = false;

  constructor(private readonly options: BrowserPoolOptions) {}

  async acquire(signal: AbortSignal): Promise<BrowserLease> {
    for (;;) {
      if (this.closed) throw new TransientError('the browser pool is shutting down', 'BROWSER_UNAVAILABLE');
      signal.throwIfAborted();
      const pooled = this.pick();
      if (pooled) return this.lease(pooled);
      await this.waitForRelease(signal);
    }
  }

  /** Closes every browser (process shutdown). */
  async close(): Promise<void> {
    this.closed = true;
    const browsers = this.browsers.splice(0);
    for (const pooled of browsers) clearTimeout(pooled.idleTimer);
    for (const wake of this.waiting.splice(0)) wake();
    await Promise.all(browsers.map((p) => p.browser.then((b) => b.close()).catch(() => undefined)));
  }

  // Contexts fill the running browsers first: another Chromium is launched only when they are full.
  private pick(): PooledBrowser | undefined {
    const open = this.browsers.filter((p) => !p.crashed && p.leases < this.options.contextsPerBrowser);
    const leastBusy = open.sort((a, b) => a.leases - b.leases)[0];
    if (leastBusy) return leastBusy;
    return this.browsers.length < this.options.size ? this.launch() : undefined;
  }

  private launch(): PooledBrowser {
    const pooled: PooledBrowser = { browser: Promise.resolve(null as unknown as Browser), leases: 0, crashed: false };
    pooled.browser = chromium
      .launch({ executablePath: this.options.chromiumPath, args: CHROMIUM_ARGS, headless: true })
      .then((browser) => {
        browser.on('disconnected', () => this.drop(pooled));
        return browser;
      });
    // A launch that fails frees its slot at once; the caller sees the error.
    pooled.browser.catch(() => this.drop(pooled));
    this.browsers.push(pooled);
    return pooled;
  }

  private async lease(pooled: PooledBrowser): Promise<BrowserLease> {
    pooled.leases++;
    clearTimeout(pooled.idleTimer);
    let browser: Browser;
    try {
      browser = await pooled.browser;
    } catch (error) {
      this.releaseOne(pooled);
      throw new TransientError(
        `Chromium did not start (${this.options.chromiumPath}): ${(error as Error).message.split('\n')[0]}`,
        'BROWSER_UNAVAILABLE',
      );
    }
    let released = false;
    return {
      browser,
      crashed: () => pooled.crashed || !browser.isConnected(),
      release: () => {
        if (released) return;
        released = true;
        this.releaseOne(pooled);
      },
    };
  }

  private releaseOne(pooled: PooledBrowser): void {
    pooled.leases--;
    // A browser left without contexts is closed after a while, so an idle process holds no Chromium.
    if (pooled.leases === 0 && !pooled.crashed) {
      pooled.idleTimer = setTimeout(() => {
        if (pooled.leases > 0) return;
        this.remove(pooled);
        void pooled.browser.then((b) => b.close()).catch(() => undefined);
      }, this.options.idleBrowserMs);
      pooled.idleTimer.unref();
    }
    this.waiting.shift()?.();
  }

  private drop(pooled: PooledBrowser): void {
    pooled.crashed = true;
    this.remove(pooled);
    this.waiting.shift()?.();
  }

  private remove(pooled: PooledBrowser): void {
    clearTimeout(pooled.idleTimer);
    const index = this.browsers.indexOf(pooled);
    if (index >= 0) this.browsers.splice(index, 1);
  }

  private waitForRelease(signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const wake = () => {
        signal.removeEventListener('abort', abort);
        resolve();
      };
      const abort = () => {
        this.waiting.splice(this.waiting.indexOf(wake), 1);
        reject(signal.reason);
      };
      this.waiting.push(wake);
      signal.addEventListener('abort', abort, { once: true });
    });
  }
}
