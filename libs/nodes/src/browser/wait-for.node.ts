import type { NodeType } from '@baton/engine';
import { PAGE_HANDLE_SCHEMA, PAGE_INPUT, PAGE_OUTPUT } from './page-handle.js';
import { DEFAULT_ELEMENT_TIMEOUT_MS, runOnPage } from './run-on-page.js';

interface BrowserWaitForSettings {
  selector: string;
  state: 'attached' | 'detached' | 'visible' | 'hidden';
  timeoutMs: number;
}

/** Waits until an element reaches a state; past the timeout the step fails with `BROWSER_TIMEOUT`. */
export const browserWaitForNode: NodeType<BrowserWaitForSettings> = {
  type: 'browser.waitFor',
  version: 1,
  title: 'Wait for element',
  group: 'action',
  description: 'Waits for the element a CSS selector finds to be attached, detached, visible or hidden.',
  inputs: [PAGE_INPUT],
  outputs: [PAGE_OUTPUT],
  settingsSchema: {
    type: 'object',
    properties: {
      selector: { type: 'string', description: 'CSS selector (Playwright syntax) of the element' },
      state: { type: 'string', enum: ['attached', 'detached', 'visible', 'hidden'], default: 'visible' },
      timeoutMs: { type: 'integer', minimum: 1, maximum: 300_000, default: DEFAULT_ELEMENT_TIMEOUT_MS },
    },
    required: ['selector'],
  },
  outputSchema: {
    type: 'object',
    properties: { page: PAGE_HANDLE_SCHEMA, url: { type: 'string' } },
    required: ['page', 'url'],
  },
  canStart: false,
  replaySafe: true,
  traits: { callsExternal: true, estimatedDurationMs: 1000 },
  async run({ handles, settings }, ctx) {
    return runOnPage(handles, ctx, async (page, handle) => {
      await page.waitForSelector(settings.selector, { state: settings.state, timeout: settings.timeoutMs });
      return { output: { page: handle, url: page.url() } };
    });
  },
};
