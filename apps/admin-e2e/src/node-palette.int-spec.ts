import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openPage, screenshot, signIn, startConsoleSession, type ConsoleSession } from './console-session';

// Issue 12's node library: the families the palette must show (others may join them).
const FAMILIES = ['http', 'data', 'flow', 'email', 'sms', 'webhook', 'browser', 'html', 'ai', 'code'];

/** Issue 12, item 10: the editor's palette shows every node family with its icon and each type's description. */
describe('node palette in Chromium', () => {
  let session: ConsoleSession;

  beforeAll(async () => {
    session = await startConsoleSession();
  });

  afterAll(async () => {
    await session?.close();
  });

  it('lists every catalogue type under its family, with a distinct icon per family and the description from GET /api/nodes', async () => {
    const catalogue = (await session.api.get('/api/nodes')).body as Array<{ type: string; description: string }>;
    const families = [...new Set(catalogue.map((entry) => entry.type.split('.')[0]!))];
    expect(families).toEqual(expect.arrayContaining(FAMILIES));

    const { page, consoleErrors } = await openPage(session);
    await signIn(page, session.baton.url, '/workflows/new');
    await page.locator('[data-node-type="browser.open"]').waitFor({ timeout: 15_000 });
    const sections = page.locator('baton-node-palette section[data-family]');
    expect((await sections.evaluateAll((all) => all.map((s) => s.getAttribute('data-family')))).sort()).toEqual(
      families.sort(),
    );
    // Each named family has its own icon (a family added later may share the generic one).
    const icons = await Promise.all(
      FAMILIES.map(
        async (family) => (await page.locator(`section[data-family="${family}"] h3 svg path`).getAttribute('d')) ?? '',
      ),
    );
    expect(icons.every((d) => d.length > 10)).toBe(true);
    expect(new Set(icons).size).toBe(FAMILIES.length);

    for (const entry of catalogue) {
      const family = entry.type.split('.')[0]!;
      const item = page.locator(`section[data-family="${family}"] [data-node-type="${entry.type}"]`);
      expect(await item.count()).toBe(1);
      expect(await item.locator('.description').textContent()).toBe(entry.description);
    }
    await screenshot(page, 'node-palette');

    // Search narrows to the matching types and their families.
    await page.getByLabel('Search node types').fill('screenshot');
    await page.locator('[data-node-type="http.request"]').waitFor({ state: 'detached' });
    expect(await sections.evaluateAll((all) => all.map((s) => s.getAttribute('data-family')))).toEqual(['browser']);
    expect(await page.locator('[data-node-type="browser.screenshot"]').count()).toBe(1);
    expect(consoleErrors).toEqual([]);
  });
});
