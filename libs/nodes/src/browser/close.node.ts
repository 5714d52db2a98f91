import type { NodeType } from '@baton/engine';
import { PAGE_INPUT, readPageHandle } from './page-handle.js';
import { browserSessionsOf } from './run-on-page.js';

/**
 * Closes a page; the execution's context (and its browser lease) goes with its last page. Pages
 * left open are closed anyway when the execution ends, fails or is cancelled.
 */
export const browserCloseNode: NodeType = {
  type: 'browser.close',
  version: 1,
  title: 'Close page',
  group: 'action',
  description: 'Closes the page; the browser context closes with the last page of the execution.',
  inputs: [PAGE_INPUT],
  outputs: [{ name: 'out', dataType: 'object' }],
  settingsSchema: { type: 'object', properties: {} },
  outputSchema: { type: 'object', properties: { closed: { type: 'boolean' } }, required: ['closed'] },
  canStart: false,
  replaySafe: true,
  async run({ handles }, ctx) {
    const handle = readPageHandle(handles);
    // Closing a page held elsewhere or already gone is done either way: nothing to fail on.
    if (handle.executionId === ctx.executionId) await browserSessionsOf(ctx).closePage(handle);
    return { output: { closed: true } };
  },
};
