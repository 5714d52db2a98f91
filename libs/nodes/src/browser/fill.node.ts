import type { NodeType } from '@baton/engine';
import { PAGE_HANDLE_SCHEMA, PAGE_INPUT, PAGE_OUTPUT } from './page-handle.js';
import { DEFAULT_ELEMENT_TIMEOUT_MS, runOnPage } from './run-on-page.js';

interface BrowserFillSettings {
  selector: string;
  value: string;
  timeoutMs: number;
}

/** Types a value into a form field of the page (clearing it first), waiting for the field to be editable. */
export const browserFillNode: NodeType<BrowserFillSettings> = {
  type: 'browser.fill',
  version: 1,
  title: 'Fill input',
  group: 'action',
  description: 'Fills the input, textarea or contenteditable element a CSS selector finds.',
  inputs: [PAGE_INPUT],
  outputs: [PAGE_OUTPUT],
  settingsSchema: {
    type: 'object',
    properties: {
      selector: { type: 'string', description: 'CSS selector (Playwright syntax) of the field' },
      value: { type: 'string', description: 'Text to fill in; templates allowed' },
      timeoutMs: { type: 'integer', minimum: 1, maximum: 300_000, default: DEFAULT_ELEMENT_TIMEOUT_MS },
    },
    required: ['selector', 'value'],
  },
  outputSchema: {
    type: 'object',
    properties: { page: PAGE_HANDLE_SCHEMA, url: { type: 'string' } },
    required: ['page', 'url'],
  },
  canStart: false,
  replaySafe: true,
  traits: { callsExternal: true, estimatedDurationMs: 500 },
  async run({ handles, settings }, ctx) {
    return runOnPage(handles, ctx, async (page, handle) => {
      await page.fill(settings.selector, String(settings.value ?? ''), { timeout: settings.timeoutMs });
      return { output: { page: handle, url: page.url() } };
    });
  },
};
