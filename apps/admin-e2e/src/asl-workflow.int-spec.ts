import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EXAMPLE_WORKFLOWS } from '../../admin/src/app/workflows/example-workflows';
import {
  fitsViewportWidth,
  openPage,
  screenshot,
  signIn,
  startConsoleSession,
  type ConsoleSession,
} from './console-session';

const example = EXAMPLE_WORKFLOWS.find((w) => w.format === 'asl')!;
const GOOD = JSON.stringify(example.definition, null, 2);

/** The ASL editor: text with problems beside it, a diagram, save, and a run coloured by state. */
describe('ASL workflows in Chromium', () => {
  let session: ConsoleSession;

  beforeAll(async () => {
    session = await startConsoleSession();
  });

  afterAll(async () => {
    await session?.close();
  });

  it('lists problems of a broken definition, saves the fixed one, draws it and shows its run completing', async () => {
    const { page, consoleErrors } = await openPage(session);
    await signIn(page, session.baton.url, '/workflows');
    await page.getByRole('link', { name: 'New ASL workflow' }).first().click();
    const text = page.getByLabel('Definition (Amazon States Language, JSON)');
    await text.waitFor({ timeout: 15_000 });
    await page.getByLabel('Workflow name').fill('Orders (ASL)');
    await text.fill(GOOD);
    const problems = page.getByTestId('asl-problems');
    await problems.getByText('No problems found.').waitFor({ timeout: 15_000 });

    // A Next to a state that does not exist: listed with its path; a click selects the state.
    await text.fill(GOOD.replace('"Next": "ShipOrder"', '"Next": "ShipTheOrder"'));
    const problem = problems.locator('button.problem', { hasText: 'ShipTheOrder' });
    await problem.waitFor({ timeout: 15_000 });
    expect(await problem.getAttribute('data-path')).toBe('States.Fulfil.Next');
    await problem.click();
    await page.locator('g.container.selected[data-state="Fulfil"]').waitFor();
    // The caret moved to the state's key in the text.
    const caret = await text.evaluate((el) => (el as HTMLTextAreaElement).selectionStart);
    expect(GOOD.slice(caret, caret + '"Fulfil"'.length)).toBe('"Fulfil"');
    await screenshot(page, 'asl-editor-problem');

    // Not even JSON (a comma missing after StartAt): the error is where the parser stopped, at "States".
    await text.fill(GOOD.replace('"StartAt": "HasOrder",', '"StartAt": "HasOrder"'));
    await problems.getByText('JSON syntax error').waitFor();
    await problems.getByText('line 4, column 3').waitFor();
    await screenshot(page, 'asl-editor-syntax-error');

    // Fixed and saved: a new workflow, then a second version.
    await text.fill(GOOD);
    await problems.getByText('No problems found.').waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.waitForURL(/\/workflows\/[0-9a-f-]{36}\/asl$/, { timeout: 15_000 });
    await page.getByTestId('asl-meta').getByText('Version 1').waitFor({ timeout: 15_000 });
    await text.fill(GOOD.replace('Order processing:', 'Order processing, v2:'));
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByTestId('asl-meta').getByText('Version 2').waitFor({ timeout: 15_000 });
    const workflowId = /\/workflows\/([0-9a-f-]{36})\/asl/.exec(page.url())![1];
    const saved = await session.api.get(`/api/workflows/${workflowId}`);
    expect(saved.body.format).toBe('asl');
    expect(saved.body.definition.Comment).toContain('v2');

    // The diagram: Parallel branches nested in their state, Catch edges dashed, terminals drawn.
    const diagram = page.getByRole('group', { name: 'State machine diagram (read-only)' });
    for (const state of ['HasOrder', 'ReserveStock', 'ChargePayment', 'Done', 'OrderRejected'])
      await diagram.locator(`[data-state="${state}"]`).waitFor();
    const fulfil = await diagram.locator('g.container[data-state="Fulfil"] rect').boundingBox();
    const reserve = await diagram.locator('[data-state="ReserveStock"] rect').boundingBox();
    expect(reserve!.x).toBeGreaterThan(fulfil!.x);
    expect(reserve!.y + reserve!.height).toBeLessThan(fulfil!.y + fulfil!.height);
    expect(await diagram.locator('path.edge.catch').count()).toBe(2);
    expect(await fitsViewportWidth(page)).toBe(true);
    await screenshot(page, 'asl-editor-diagram');

    // Run it: the execution detail draws the states and colours them by their steps' status.
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.waitForURL(/\/executions\/[0-9a-f-]{36}$/, { timeout: 15_000 });
    await page.locator('[data-testid="execution-status"][data-status="completed"]').waitFor({ timeout: 30_000 });
    const run = page.getByRole('group', { name: 'Execution diagram, coloured by step status' });
    await run.locator('[data-state="ShipOrder"][data-status="completed"]').waitFor({ timeout: 15_000 });
    await run.locator('[data-state="ReserveStock"][data-status="completed"]').waitFor();
    await run.locator('[data-state="Done"][data-status="completed"]').waitFor();
    expect(await run.locator('[data-state="RefundPayment"]').getAttribute('data-status')).toBeNull();
    await screenshot(page, 'asl-execution-completed');
    expect(consoleErrors).toEqual([]);
  });
});
