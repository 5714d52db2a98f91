import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, ConsoleMessage } from 'playwright-core';
import { join } from 'node:path';
import { TestApiClient } from '../../api-e2e/src/support/api-client';
import { spawnBaton, type SpawnedBaton } from '../../api-e2e/src/support/spawned-baton';
import { prepareTier, type TierEnvironment } from '../../api-e2e/src/support/test-tiers';
import { launchChromium, SCREENSHOT_DIR } from './launch-chromium';

/** The admin shell as a person meets it on a fresh install: owner set-up, then the workflow list. */
describe('admin shell in Chromium', () => {
  let environment: TierEnvironment;
  let baton: SpawnedBaton;
  let browser: Browser;

  beforeAll(async () => {
    environment = await prepareTier('embedded');
    baton = await spawnBaton(environment.env);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await baton?.stop();
    await environment?.cleanup();
  });

  it('offers the one-time owner set-up, then shows the workspace and its workflows', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const consoleErrors: string[] = [];
    page.on('console', (message: ConsoleMessage) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    await page.goto(`${baton.url}/`);
    await page.getByLabel('Workspace name').fill('Acme ops');
    await page.getByLabel('Your name').fill('Ada');
    await page.getByLabel('Email').fill('ada@example.test');
    await page.getByLabel('Password').fill('a long password');
    await page.getByRole('button', { name: /create|set up|continue/i }).click();
    await page.getByRole('heading', { name: 'Workflows', exact: true }).waitFor({ timeout: 15_000 });
    await page.getByText('Acme ops').first().waitFor({ timeout: 15_000 });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'admin-shell-empty.png') });

    // A workflow created through the API shows up in the list.
    const login = await new TestApiClient(baton.url).post('/api/auth/login', {
      email: 'ada@example.test',
      password: 'a long password',
    });
    const api = new TestApiClient(baton.url).withToken(login.body.accessToken);
    await api.post('/api/workflows', {
      name: 'Nightly export',
      format: 'graph',
      definition: { nodes: [], edges: [] },
      tags: ['reports'],
    });
    await page.reload();
    await page.getByText('Nightly export').waitFor({ timeout: 15_000 });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'admin-shell-list.png') });
    expect(consoleErrors).toEqual([]);
    expect((await new TestApiClient(baton.url).get('/api/auth/status')).body).toEqual({ setupRequired: false });
  });
});
