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

/**
 * The ASL editor (CodeMirror): problems listed and marked at their lines, completion of Next
 * targets, caret and diagram following each other, save, run input, and a run coloured by state.
 */
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

    // A Next to a state that does not exist: listed with its path, marked at its line; a click
    // selects the state and puts the caret on the broken Next.
    const broken = GOOD.replace('"Next": "ShipOrder"', '"Next": "ShipTheOrder"');
    await text.fill(broken);
    const problem = problems.locator('button.problem', { hasText: 'ShipTheOrder' });
    await problem.waitFor({ timeout: 15_000 });
    expect(await problem.getAttribute('data-path')).toBe('States.Fulfil.Next');
    const marked = page.locator('.cm-line', { has: page.locator('.cm-lintRange-error') });
    await marked.first().waitFor();
    // (ShipOrder and Done, now unreachable, are marked at their keys too.)
    expect((await marked.allTextContents()).map((line) => line.trim())).toContain('"Next": "ShipTheOrder"');
    await problem.click();
    await page.locator('g.container.selected[data-state="Fulfil"]').waitFor();
    const caret = async () => Number(await page.locator('baton-asl-code-editor .frame').getAttribute('data-caret'));
    expect(await caret()).toBe(broken.indexOf('"Next": "ShipTheOrder"'));
    await screenshot(page, 'asl-editor-problem');

    // Completion offers the document's states as Next targets; accepting one fixes the problem.
    await page.locator('.cm-content').getByText('ShipTheOrder').dblclick();
    await page.keyboard.type('Ship');
    const options = page.locator('.cm-tooltip-autocomplete li');
    await options.first().waitFor();
    expect(await options.allTextContents()).toContain('ShipOrder');
    await screenshot(page, 'asl-editor-completion');
    await page.keyboard.press('Enter');
    await problems.getByText('No problems found.').waitFor({ timeout: 15_000 });
    // The caret sits in Fulfil's Next: the diagram highlights Fulfil. A diagram click moves the caret.
    await page.locator('g.container.selected[data-state="Fulfil"]').waitFor();
    await page
      .getByRole('group', { name: 'State machine diagram (read-only)' })
      .locator('[data-state="ShipOrder"]')
      .click();
    await page.locator('g.state.selected[data-state="ShipOrder"]').waitFor();
    expect(await caret()).toBe(GOOD.indexOf('"ShipOrder": {'));

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

    // Run it with an input of its own (remembered per workflow): an order the Choice routes on.
    await page.getByText('Run input', { exact: true }).click();
    const order = { orderId: 'ORD-7', items: [{ sku: 'MUG-1', qty: 1, price: 9 }] };
    await page.getByLabel(/Input document \(JSON\)/).fill(JSON.stringify(order));
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.waitForURL(/\/executions\/[0-9a-f-]{36}$/, { timeout: 15_000 });
    await page.locator('[data-testid="execution-status"][data-status="completed"]').waitFor({ timeout: 30_000 });
    const run = page.getByRole('group', { name: 'Execution diagram, coloured by step status' });
    await run.locator('[data-state="ShipOrder"][data-status="completed"]').waitFor({ timeout: 15_000 });
    await run.locator('[data-state="ReserveStock"][data-status="completed"]').waitFor();
    await run.locator('[data-state="Done"][data-status="completed"]').waitFor();
    expect(await run.locator('[data-state="RefundPayment"]').getAttribute('data-status')).toBeNull();
    // The sample order was not used: the run started from the input typed in the editor.
    expect(await run.locator('[data-state="UseSampleOrder"]').getAttribute('data-status')).toBeNull();
    const executionId = /\/executions\/([0-9a-f-]{36})$/.exec(page.url())![1];
    expect((await session.api.get(`/api/executions/${executionId}`)).body.input).toEqual(order);
    await screenshot(page, 'asl-execution-completed');
    expect(consoleErrors).toEqual([]);
  });
});
