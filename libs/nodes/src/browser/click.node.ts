import type { NodeType } from '@baton/engine';
import { PAGE_HANDLE_SCHEMA, PAGE_INPUT, PAGE_OUTPUT } from './page-handle.js';
import { DEFAULT_ELEMENT_TIMEOUT_MS, runOnPage } from './run-on-page.js';

interface BrowserClickSettings {
  selector: string;
  waitUntil: 'none' | 'load' | 'domcontentloaded' | 'networkidle';
  timeoutMs: number;
}

/** Clicks an element; optionally waits for the page to settle after (a form submit navigating). */
export const browserClickNode: NodeType<BrowserClickSettings> = {
  type: 'browser.click',
  version: 1,
  title: 'Click element',
  group: 'action',
  description: 'Clicks the element a CSS selector finds, once it is visible and enabled.',
  inputs: [PAGE_INPUT],
  outputs: [PAGE_OUTPUT],
  settingsSchema: {
    type: 'object',
    properties: {
      selector: { type: 'string', description: 'CSS selector (Playwright syntax) of the element' },
      waitUntil: {
        type: 'string',
        enum: ['none', 'load', 'domcontentloaded', 'networkidle'],
        default: 'load',
        description: 'After the click, wait for this load state (a navigation it started); `none` does not wait',
      },
      timeoutMs: { type: 'integer', minimum: 1, maximum: 300_000, default: DEFAULT_ELEMENT_TIMEOUT_MS },
    },
    required: ['selector'],
  },
  outputSchema: {
    type: 'object',
    properties: { page: PAGE_HANDLE_SCHEMA, url: { type: 'string', description: 'The URL after the click' } },
    required: ['page', 'url'],
  },
  canStart: false,
  // A click may submit an order or send a message: running it twice after a crash repeats that.
  replaySafe: false,
  traits: { callsExternal: true, estimatedDurationMs: 1000 },
  async run({ handles, settings }, ctx) {
    return runOnPage(handles, ctx, async (page, handle) => {
      await page.click(settings.selector, { timeout: settings.timeoutMs });
      if (settings.waitUntil !== 'none')
        await page.waitForLoadState(settings.waitUntil, { timeout: settings.timeoutMs });
      return { output: { page: handle, url: page.url() } };
    });
  },
};
