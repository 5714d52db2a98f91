import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually } from '../../api-e2e/src/support/api-client';
import {
  fitsViewportWidth,
  openPage,
  screenshot,
  signIn,
  startConsoleSession,
  type ConsoleSession,
} from './console-session';

/** Operating a run from its detail page: a long-running execution is cancelled with one button. */
describe('execution detail in Chromium', () => {
  let session: ConsoleSession;

  beforeAll(async () => {
    session = await startConsoleSession();
  });

  afterAll(async () => {
    await session?.close();
  });

  it('cancels a long-running execution from its detail page and shows it cancelled live', async () => {
    const created = await session.api.post('/api/workflows', {
      name: 'Slow',
      format: 'graph',
      definition: {
        nodes: [
          { id: 'start', type: 'trigger.manual', position: { x: 40, y: 80 }, data: { inputs: {} } },
          { id: 'wait', type: 'flow.delay', position: { x: 320, y: 80 }, data: { inputs: { ms: 600_000 } } },
        ],
        edges: [{ id: 'e1', source: 'start', target: 'wait', sourceHandle: 'out', targetHandle: 'in' }],
      },
    });
    expect(created.status).toBe(201);
    const started = await session.api.post(`/api/workflows/${created.body.id}/execute`, { input: {}, mode: 'queued' });
    expect(started.status).toBe(201);
    const executionId: string = started.body.executionId;
    // Edited while it runs: the detail page must still draw the version the run started on.
    const edited = await session.api.put(`/api/workflows/${created.body.id}`, {
      definition: {
        nodes: [
          { id: 'begin', type: 'trigger.manual', position: { x: 40, y: 80 }, data: { inputs: {} } },
          { id: 'note', type: 'util.log', position: { x: 320, y: 80 }, data: { inputs: { message: 'v2' } } },
        ],
        edges: [{ id: 'e1', source: 'begin', target: 'note', sourceHandle: 'out', targetHandle: 'in' }],
      },
    });
    expect(edited.status).toBe(200);

    // A narrow laptop screen: everything fits without sideways scrolling.
    const { page, consoleErrors } = await openPage(session, { viewport: { width: 1024, height: 700 } });
    await signIn(page, session.baton.url, `/executions/${executionId}`);
    await page.locator('[data-node-id="start"][data-status="completed"]').waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-node-id="wait"]').count()).toBe(1);
    expect(await page.locator('[data-node-id="note"]').count()).toBe(0);
    expect(await fitsViewportWidth(page)).toBe(true);
    await screenshot(page, 'execution-long-running');

    // Cancel asks in the console's own dialog, reachable and answerable from the keyboard; the
    // safe choice has focus first, and Escape changes nothing.
    const cancel = page.getByRole('button', { name: 'cancel', exact: true });
    await cancel.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Cancel this execution?' });
    await dialog.waitFor();
    await screenshot(page, 'execution-cancel-dialog');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Keep running');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.getByTestId('execution-status').textContent()).toBe('running');
    await cancel.focus();
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Cancel execution');
    await page.keyboard.press('Enter');
    await page.getByTestId('execution-status').getByText('cancelled').waitFor({ timeout: 15_000 });
    await screenshot(page, 'execution-cancelled');

    const execution = await eventually(async () => {
      const response = await session.api.get(`/api/executions/${executionId}`);
      return response.body.status === 'cancelled' ? response.body : undefined;
    });
    expect(execution.status).toBe('cancelled');
    expect(await cancel.isDisabled()).toBe(true);

    // The monitoring list shows the same run with its final status.
    await page.getByRole('link', { name: 'Monitoring', exact: true }).first().click();
    await page.locator(`tr[data-execution-id="${executionId}"] [data-status="cancelled"]`).waitFor({ timeout: 15_000 });
    // Queue depth and throughput: the cancelled run counts as ended in the last hour.
    const stats = page.getByTestId('queue-stats');
    await stats
      .getByText(/1\s+cancelled/)
      .first()
      .waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('queue-waiting').textContent()).toMatch(/^\d+$/);
    expect(await fitsViewportWidth(page)).toBe(true);
    await screenshot(page, 'monitoring');
    expect(consoleErrors).toEqual([]);
  });
});
