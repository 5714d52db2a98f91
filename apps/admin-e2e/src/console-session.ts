import type { Browser, BrowserContextOptions, ConsoleMessage, Locator, Page } from 'playwright-core';
import { join } from 'node:path';
import { TestApiClient } from '../../api-e2e/src/support/api-client';
import { setUpOwner } from '../../api-e2e/src/support/identities';
import { spawnBaton, type SpawnedBaton } from '../../api-e2e/src/support/spawned-baton';
import { prepareTier, type TierEnvironment } from '../../api-e2e/src/support/test-tiers';
import { launchChromium, SCREENSHOT_DIR } from './launch-chromium';

export const OWNER = { email: 'owner@example.test', password: 'correct horse' };

/** One built Baton (dist/apps/api serving dist/apps/admin) on the embedded tier, an owner, and Chromium. */
export interface ConsoleSession {
  baton: SpawnedBaton;
  browser: Browser;
  api: TestApiClient;
  close(): Promise<void>;
}

export async function startConsoleSession(): Promise<ConsoleSession> {
  const environment: TierEnvironment = await prepareTier('embedded');
  let baton: SpawnedBaton | undefined;
  try {
    baton = await spawnBaton(environment.env);
    const api = await setUpOwner(new TestApiClient(baton.url), OWNER.email, OWNER.password);
    const browser = await launchChromium();
    const started = baton;
    return {
      baton: started,
      browser,
      api,
      async close() {
        await browser.close();
        await started.stop();
        await environment.cleanup();
      },
    };
  } catch (error) {
    await baton?.stop();
    await environment.cleanup();
    throw error;
  }
}

/**
 * A page (1280x800 unless told) that records every console error, so a test can assert there
 * were none. Options pass through to the page's own browser context (time zone, permissions...).
 */
export async function openPage(
  session: ConsoleSession,
  options: BrowserContextOptions = {},
): Promise<{ page: Page; consoleErrors: string[] }> {
  const page = await session.browser.newPage({ viewport: { width: 1280, height: 800 }, ...options });
  const consoleErrors: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  return { page, consoleErrors };
}

export async function signIn(page: Page, baseUrl: string, returnPath = '/workflows'): Promise<void> {
  await page.goto(`${baseUrl}/sign-in?returnUrl=${encodeURIComponent(returnPath)}`);
  await page.getByLabel('Email').fill(OWNER.email);
  await page.getByLabel('Password').fill(OWNER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'), { timeout: 15_000 });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}

/** Drags with real pointer moves in small steps: @foblex/flow starts a drag only past a threshold. */
export async function dragBetween(page: Page, from: Locator, to: Locator | { x: number; y: number }): Promise<void> {
  await from.scrollIntoViewIfNeeded();
  const start = await centreOf(from);
  const end = 'x' in to ? to : await centreOf(to);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x + 8, start.y + 8, { steps: 4 });
  await page.mouse.move(end.x, end.y, { steps: 16 });
  await page.mouse.up();
}

/** True when nothing sticks out sideways: the page needs no horizontal scrolling. */
export async function fitsViewportWidth(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

async function centreOf(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error(`not visible: ${locator.toString()}`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}
