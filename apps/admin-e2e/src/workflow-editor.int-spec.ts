import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  dragBetween,
  fitsViewportWidth,
  openPage,
  screenshot,
  signIn,
  startConsoleSession,
  type ConsoleSession,
} from './console-session';

/**
 * The editor as an operator uses it: drag three nodes from the palette, connect their handles,
 * see a refused connection, save, run, and watch the run's steps complete live.
 */
describe('workflow editor in Chromium', () => {
  let session: ConsoleSession;

  beforeAll(async () => {
    session = await startConsoleSession();
  });

  afterAll(async () => {
    await session?.close();
  });

  it('builds a three-node workflow by dragging and connecting, saves it, runs it and shows each step live', async () => {
    const { page, consoleErrors } = await openPage(session);
    await signIn(page, session.baton.url, '/workflows/new');
    const canvas = page.locator('baton-graph-canvas');
    await page.locator('[data-node-type="trigger.manual"]').waitFor({ timeout: 15_000 });

    // Three nodes, dropped at different places on the canvas.
    const box = (await canvas.boundingBox())!;
    await dragBetween(page, page.locator('[data-node-type="trigger.manual"]'), { x: box.x + 120, y: box.y + 80 });
    await page.locator('[data-node-id="manual_1"]').waitFor();
    await dragBetween(page, page.locator('[data-node-type="flow.delay"]'), { x: box.x + 140, y: box.y + 260 });
    await page.locator('[data-node-id="delay_1"]').waitFor();
    await dragBetween(page, page.locator('[data-node-type="util.log"]'), { x: box.x + 420, y: box.y + 160 });
    await page.locator('[data-node-id="log_1"]').waitFor();

    await dragBetween(
      page,
      page.locator('[data-connector="manual_1:out:out"]'),
      page.locator('[data-connector="delay_1:in:in"]'),
    );
    await page.getByText('Connected manual_1.out to delay_1.in').waitFor();

    // A connection the rules refuse never appears and the editor says why: here a second edge into
    // a single-edge input (a data-type clash is the next test).
    await dragBetween(
      page,
      page.locator('[data-connector="log_1:out:out"]'),
      page.locator('[data-connector="delay_1:in:in"]'),
    );
    await page.getByText('Connection refused. "in" takes one connection').waitFor();
    await screenshot(page, 'editor-connection-refused');
    expect(await page.locator('f-connection[data-edge-id]').count()).toBe(1);

    await dragBetween(
      page,
      page.locator('[data-connector="delay_1:out:out"]'),
      page.locator('[data-connector="log_1:in:in"]'),
    );
    await page.getByText('Connected delay_1.out to log_1.in').waitFor();
    expect(await page.locator('f-connection[data-edge-id]').count()).toBe(2);

    // Settings come from the node type's schema: the delay's `ms`, the log's message template.
    await page.locator('[data-node-id="delay_1"]').click();
    await page.locator('#setting-delay_1-ms').fill('3000');
    await page.locator('[data-node-id="log_1"]').click();
    await page.locator('#setting-log_1-message').fill('Hello {{ name }}');
    await page.getByLabel('Workflow name').fill('Greeting');
    await screenshot(page, 'editor-built');

    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved as version 1.').waitFor({ timeout: 15_000 });
    await page.waitForURL(/\/workflows\/[0-9a-f-]{36}$/);

    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.waitForURL(/\/executions\/[0-9a-f-]{36}$/, { timeout: 15_000 });
    // Live: first the trigger has completed while the execution still runs (the delay parks for
    // 3 s), then every step completes, all on the same page load.
    await page.locator('[data-node-id="manual_1"][data-status="completed"]').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('execution-status').textContent()).not.toBe('completed');
    await screenshot(page, 'execution-running');
    const navigations: string[] = [];
    page.on('framenavigated', (frame) => navigations.push(frame.url()));
    await page.locator('[data-node-id="log_1"][data-status="completed"]').waitFor({ timeout: 20_000 });
    await page.getByTestId('execution-status').getByText('completed').waitFor({ timeout: 15_000 });
    expect(navigations).toEqual([]);

    // A step's output, opened from the timeline.
    await page.getByRole('button', { name: /log_1/ }).first().click();
    // The panel fills in once the step's row has been read: wait for it rather than read once.
    await page.getByTestId('step-output').filter({ hasText: 'Ada' }).waitFor({ timeout: 10_000 });
    await screenshot(page, 'execution-completed');
    expect(consoleErrors).toEqual([]);
  });

  it("refuses to connect a loop's array result to data.set's object input, and says why", async () => {
    // On a narrow laptop screen, which must still fit palette, canvas and panel side by side.
    const { page, consoleErrors } = await openPage(session, { viewport: { width: 1024, height: 700 } });
    await signIn(page, session.baton.url, '/workflows/new');
    const canvas = page.locator('baton-graph-canvas');
    await page.locator('[data-node-type="flow.loop"]').waitFor({ timeout: 15_000 });
    const box = (await canvas.boundingBox())!;
    await dragBetween(page, page.locator('[data-node-type="flow.loop"]'), { x: box.x + 120, y: box.y + 120 });
    await page.locator('[data-node-id="loop_1"]').waitFor();
    await dragBetween(page, page.locator('[data-node-type="data.set"]'), {
      x: box.x + Math.min(460, box.width - 140),
      y: box.y + 200,
    });
    await page.locator('[data-node-id="set_1"]').waitFor();

    // flow.loop's `done` gives an array; data.set's `in` takes an object.
    await dragBetween(
      page,
      page.locator('[data-connector="loop_1:out:done"]'),
      page.locator('[data-connector="set_1:in:in"]'),
    );
    const notice = page.getByTestId('editor-notice');
    await notice.getByText('Connection refused. Types do not match: "done" gives array, "in" takes object.').waitFor();
    expect(await notice.getAttribute('role')).toBe('alert');
    expect(await page.locator('f-connection[data-edge-id]').count()).toBe(0);
    expect(await fitsViewportWidth(page)).toBe(true);
    await screenshot(page, 'editor-type-mismatch-refused');

    // The same loop's `item` (any) into the same input is fine.
    await dragBetween(
      page,
      page.locator('[data-connector="loop_1:out:item"]'),
      page.locator('[data-connector="set_1:in:in"]'),
    );
    await page.getByText('Connected loop_1.item to set_1.in').waitFor();
    expect(await page.locator('f-connection[data-edge-id]').count()).toBe(1);
    expect(consoleErrors).toEqual([]);
  });
});
