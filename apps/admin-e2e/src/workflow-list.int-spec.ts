import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { eventually } from '../../api-e2e/src/support/api-client';
import { delayedGraph } from '../../api-e2e/src/support/graphs';
import {
  fitsViewportWidth,
  openPage,
  screenshot,
  signIn,
  startConsoleSession,
  type ConsoleSession,
} from './console-session';

const TRIAGE = 'Example: order triage';
const ASL = 'Example: order processing (ASL)';
const LEAD_MAGNET = 'Example: lead magnet report';

/** The workflow list as a newcomer and then an operator use it, on a narrow laptop screen. */
describe('workflow list in Chromium', () => {
  let session: ConsoleSession;

  beforeAll(async () => {
    session = await startConsoleSession();
  });

  afterAll(async () => {
    await session?.close();
  });

  const row = (page: Page, name: string) =>
    page.locator('tbody tr').filter({ has: page.getByRole('link', { name, exact: true }) });

  it('offers the examples in an empty workspace; one imported example runs at once', async () => {
    const { page, consoleErrors } = await openPage(session, { viewport: { width: 1024, height: 700 } });
    await signIn(page, session.baton.url, '/workflows');
    await page.getByRole('heading', { name: 'No workflows yet' }).waitFor({ timeout: 15_000 });
    await page.getByRole('list', { name: 'Example workflows' }).getByText(ASL).waitFor();
    await screenshot(page, 'workflows-first-run');

    await page.getByRole('button', { name: 'Import the examples' }).click();
    await page.getByTestId('list-notice').getByText('Imported 3 example workflows').waitFor({ timeout: 15_000 });
    await row(page, TRIAGE).waitFor();
    await row(page, ASL).getByText('ASL', { exact: true }).waitFor();
    await row(page, LEAD_MAGNET).waitFor();
    expect(await row(page, TRIAGE).getByText('Never').count()).toBe(1);

    // The graph example opens in the editor and runs to completion with no input.
    await page.getByRole('link', { name: TRIAGE, exact: true }).click();
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.waitForURL(/\/executions\/[0-9a-f-]{36}$/, { timeout: 15_000 });
    await page.getByTestId('execution-status').getByText('completed').waitFor({ timeout: 20_000 });
    await page.locator('[data-node-id="review"][data-status="completed"]').waitFor();
    await screenshot(page, 'example-run-completed');

    // Back on the list, its last run is that completed execution.
    await page.getByRole('link', { name: 'Workflows', exact: true }).first().click();
    await row(page, TRIAGE).locator('[data-status="completed"]').waitFor({ timeout: 15_000 });
    expect(await fitsViewportWidth(page)).toBe(true);
    await screenshot(page, 'workflows-examples-imported');
    expect(consoleErrors).toEqual([]);
  });

  it('duplicates, activates, exports and re-imports, and deletes a running workflow only when forced', async () => {
    const { page, consoleErrors } = await openPage(session, { viewport: { width: 1024, height: 700 } });
    await signIn(page, session.baton.url, '/workflows');
    await row(page, TRIAGE).waitFor({ timeout: 15_000 });

    // Duplicate from the row menu (keyboard: the menu button, then the item).
    await row(page, TRIAGE)
      .getByRole('button', { name: `More actions for ${TRIAGE}` })
      .focus();
    await page.keyboard.press('Enter');
    const menu = page.getByRole('group', { name: `Actions for ${TRIAGE}` });
    await menu.waitFor();
    // The menu follows its button in the tab order: Edit, Triggers, Duplicate.
    for (const expected of ['Edit', 'Triggers', 'Duplicate']) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe(expected);
    }
    await screenshot(page, 'workflows-row-menu');
    await page.keyboard.press('Enter');
    const copyName = `${TRIAGE} (copy)`;
    await row(page, copyName).waitFor({ timeout: 15_000 });
    expect(await row(page, copyName).getByTestId('workflow-status').textContent()).toContain('draft');

    // Activate, then the status shows it.
    await page.getByRole('button', { name: `Activate ${copyName}` }).click();
    await row(page, copyName).getByTestId('workflow-status').getByText('active').waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: `Pause ${copyName}` }).waitFor();

    // Export to a file, then import that file: a second workflow with the same definition.
    await row(page, copyName)
      .getByRole('button', { name: `More actions for ${copyName}` })
      .click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page
        .getByRole('group', { name: `Actions for ${copyName}` })
        .getByRole('button', { name: 'Export JSON' })
        .click(),
    ]);
    expect(download.suggestedFilename()).toBe('example-order-triage-copy.workflow.json');
    const exportedPath = await download.path();
    const exported = JSON.parse(await readFile(exportedPath, 'utf8'));
    expect(exported).toMatchObject({
      kind: 'baton.workflow',
      version: 1,
      name: copyName,
      format: 'graph',
      tags: ['example'],
    });
    await page.getByLabel('Import JSON').setInputFiles(exportedPath);
    await page.getByTestId('list-notice').getByText(`Imported ${copyName}.`).waitFor({ timeout: 15_000 });
    expect(await row(page, copyName).count()).toBe(2);
    const all = (await session.api.get('/api/workflows?limit=100')).body.items as { id: string; name: string }[];
    const copies = all.filter((w) => w.name === copyName);
    const [first, second] = await Promise.all(
      copies.map(async (w) => (await session.api.get(`/api/workflows/${w.id}`)).body.definition),
    );
    expect(second).toEqual(first);

    // Not a workflow file: refused with a message, nothing created.
    await page
      .getByLabel('Import JSON')
      .setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('[1, 2]') });
    await page
      .getByTestId('list-notice')
      .getByText('Could not import notes.json: notes.json does not contain a JSON object.')
      .waitFor();

    // Delete a workflow with a run in flight: the console sees the live run and asks to cancel it
    // (the API would refuse a plain delete with 409); a plain workflow gets the plain question.
    const busy = await session.api.post('/api/workflows', {
      name: 'Busy',
      format: 'graph',
      definition: delayedGraph(600_000),
    });
    const started = await session.api.post(`/api/workflows/${busy.body.id}/execute`, { input: {}, mode: 'queued' });
    await eventually(async () =>
      (await session.api.get(`/api/executions/${started.body.executionId}`)).body.status === 'running'
        ? true
        : undefined,
    );
    await page.reload();
    await row(page, 'Busy').locator('[data-status="running"]').waitFor({ timeout: 15_000 });
    await row(page, 'Busy').getByRole('button', { name: 'More actions for Busy' }).click();
    await page.getByRole('group', { name: 'Actions for Busy' }).getByRole('button', { name: 'Delete…' }).click();
    const force = page.getByRole('dialog', { name: 'Busy is running' });
    await force.waitFor({ timeout: 15_000 });
    await screenshot(page, 'workflows-delete-forced');
    await force.getByRole('button', { name: 'Cancel runs and delete' }).click();
    await page.getByTestId('list-notice').getByText('Deleted Busy.').waitFor({ timeout: 15_000 });
    expect(await row(page, 'Busy').count()).toBe(0);
    expect((await session.api.get(`/api/workflows/${busy.body.id}`)).status).toBe(404);
    const cancelled = await eventually(async () => {
      const execution = (await session.api.get(`/api/executions/${started.body.executionId}`)).body;
      return execution.status === 'cancelled' ? execution : undefined;
    });
    expect(cancelled.status).toBe('cancelled');

    await row(page, TRIAGE)
      .getByRole('button', { name: `More actions for ${TRIAGE}` })
      .click();
    await page
      .getByRole('group', { name: `Actions for ${TRIAGE}` })
      .getByRole('button', { name: 'Delete…' })
      .click();
    const plain = page.getByRole('dialog', { name: `Delete ${TRIAGE}?` });
    await plain.getByRole('button', { name: 'Cancel', exact: true }).click();
    await plain.waitFor({ state: 'hidden' });
    expect(await row(page, TRIAGE).count()).toBe(1);

    expect(await fitsViewportWidth(page)).toBe(true);
    await screenshot(page, 'workflows-actions');
    expect(consoleErrors).toEqual([]);
  });
});
