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

const failingGraph = {
  nodes: [
    { id: 'start', type: 'trigger.manual', position: { x: 40, y: 80 }, data: { inputs: {} } },
    { id: 'stop', type: 'flow.fail', position: { x: 320, y: 80 }, data: { inputs: { error: 'CONSOLE_FAILURE' } } },
  ],
  edges: [{ id: 'e1', source: 'start', target: 'stop', sourceHandle: 'out', targetHandle: 'in' }],
};
const slowGraph = {
  nodes: [
    { id: 'start', type: 'trigger.manual', position: { x: 40, y: 80 }, data: { inputs: {} } },
    { id: 'wait', type: 'flow.delay', position: { x: 320, y: 80 }, data: { inputs: { ms: 600_000 } } },
  ],
  edges: [{ id: 'e1', source: 'start', target: 'wait', sourceHandle: 'out', targetHandle: 'in' }],
};

/** The Failed view (issue 14, item 7): failure groups with bulk redrive, and the stuck list. */
describe('failed runs in Chromium', () => {
  let session: ConsoleSession;

  beforeAll(async () => {
    session = await startConsoleSession();
  });

  afterAll(async () => {
    await session?.close();
  });

  it('groups failed runs, redrives a group after confirming, and lists a stuck run', async () => {
    const failing = await session.api.post('/api/workflows', {
      name: 'Nightly export',
      format: 'graph',
      definition: failingGraph,
    });
    expect(failing.status).toBe(201);
    for (let i = 0; i < 3; i++) {
      const run = await session.api.post(`/api/workflows/${failing.body.id}/execute`, { input: {}, mode: 'immediate' });
      expect(run.body.status).toBe('failed');
    }
    const slow = await session.api.post('/api/workflows', {
      name: 'Slow import',
      format: 'graph',
      definition: slowGraph,
      settings: { expectedDurationSeconds: 1 },
    });
    const stuck = await session.api.post(`/api/workflows/${slow.body.id}/execute`, { input: {}, mode: 'queued' });
    await eventually(async () => {
      const list = await session.api.get('/api/executions/stuck');
      return list.body.items.some((item: { id: string }) => item.id === stuck.body.executionId);
    });

    const { page, consoleErrors } = await openPage(session, { viewport: { width: 1024, height: 700 } });
    await signIn(page, session.baton.url, '/workflows');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Failed' }).click();
    await page.getByRole('heading', { name: 'Failed (3)' }).waitFor({ timeout: 15_000 });
    const row = page.getByRole('row', { name: /Nightly export/ });
    expect(await row.getByText('CONSOLE_FAILURE').count()).toBe(1);
    const stuckRow = page.locator(`[data-stuck-id="${stuck.body.executionId}"]`);
    await stuckRow.waitFor();
    expect(await stuckRow.innerText()).toContain('Running past its expected duration');
    expect(await page.getByRole('link', { name: '/metrics' }).getAttribute('href')).toBe('/metrics');
    expect(await fitsViewportWidth(page)).toBe(true);
    await screenshot(page, 'failed-runs');

    await row.getByRole('button', { name: 'Redrive 3' }).click();
    const dialog = page.getByRole('dialog', { name: 'Redrive failed executions' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Redrive 3' }).click();
    await page.getByTestId('redrive-report').getByText('Redriven 3 of 3.').waitFor({ timeout: 15_000 });
    // Redriven runs fail again (flow.fail always does): each was resumed once, from its failed step.
    const items = (await session.api.get(`/api/executions?workflowId=${failing.body.id}`)).body.items;
    for (const item of items) {
      const logs = await session.api.get(`/api/executions/${item.id}/logs`);
      expect(logs.body.filter((entry: { type: string }) => entry.type === 'resumed')).toHaveLength(1);
    }
    await page.getByRole('heading', { name: 'Failed (3)' }).waitFor();
    expect(consoleErrors).toEqual([]);
  });
});
