import type { NodeType } from '@baton/engine';
import { PAGE_HANDLE_SCHEMA, PAGE_INPUT, PAGE_OUTPUT } from './page-handle.js';
import { DEFAULT_ELEMENT_TIMEOUT_MS, runOnPage } from './run-on-page.js';

/** Longest text the node outputs (characters); longer text is cut and `truncated` set. */
export const MAX_BROWSER_TEXT_LENGTH = 1_000_000;

interface BrowserTextSettings {
  selector: string;
  maxLength?: number;
  timeoutMs: number;
}

/** The text a reader sees (the browser's `innerText`: rendered, hidden parts left out). */
export const browserTextNode: NodeType<BrowserTextSettings> = {
  type: 'browser.text',
  version: 1,
  title: 'Get text',
  group: 'data',
  description: 'Outputs the visible text of the page or of the element a CSS selector finds.',
  inputs: [PAGE_INPUT],
  outputs: [PAGE_OUTPUT, { name: 'out', dataType: 'object' }],
  settingsSchema: {
    type: 'object',
    properties: {
      selector: { type: 'string', default: 'body', description: 'CSS selector of the element (default: body)' },
      maxLength: { type: 'integer', minimum: 1, maximum: MAX_BROWSER_TEXT_LENGTH },
      timeoutMs: { type: 'integer', minimum: 1, maximum: 300_000, default: DEFAULT_ELEMENT_TIMEOUT_MS },
    },
  },
  outputSchema: {
    type: 'object',
    properties: {
      page: PAGE_HANDLE_SCHEMA,
      text: { type: 'string' },
      truncated: { type: 'boolean' },
      url: { type: 'string' },
      title: { type: 'string' },
    },
    required: ['page', 'text', 'truncated', 'url', 'title'],
  },
  canStart: false,
  replaySafe: true,
  traits: { callsExternal: true, estimatedDurationMs: 300 },
  async run({ handles, settings }, ctx) {
    return runOnPage(handles, ctx, async (page, handle) => {
      const full = await page.locator(settings.selector).first().innerText({ timeout: settings.timeoutMs });
      const max = Math.min(settings.maxLength ?? MAX_BROWSER_TEXT_LENGTH, MAX_BROWSER_TEXT_LENGTH);
      const text = full.length > max ? full.slice(0, max) : full;
      return {
        output: {
          page: handle,
          text,
          truncated: text.length < full.length,
          url: page.url(),
          title: await page.title(),
        },
      };
    });
  },
};
