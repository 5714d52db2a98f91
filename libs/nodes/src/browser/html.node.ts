import { type NodeType, PermanentError } from '@baton/engine';
import { MAX_HTML_BYTES } from '../html/read-html-input.js';
import { PAGE_HANDLE_SCHEMA, PAGE_INPUT, PAGE_OUTPUT } from './page-handle.js';
import { DEFAULT_ELEMENT_TIMEOUT_MS, runOnPage } from './run-on-page.js';

interface BrowserHtmlSettings {
  selector?: string;
  timeoutMs: number;
}

/** The page's current HTML (after scripts ran), or one element's outer HTML; html.extract and html.text read it. */
export const browserHtmlNode: NodeType<BrowserHtmlSettings> = {
  type: 'browser.html',
  version: 1,
  title: 'Get HTML',
  group: 'data',
  description: "Outputs the rendered page's HTML (or an element's) as `html`, for html.extract and html.text.",
  inputs: [PAGE_INPUT],
  outputs: [PAGE_OUTPUT, { name: 'out', dataType: 'object' }],
  settingsSchema: {
    type: 'object',
    properties: {
      selector: { type: 'string', description: 'CSS selector of one element (default: the whole document)' },
      timeoutMs: { type: 'integer', minimum: 1, maximum: 300_000, default: DEFAULT_ELEMENT_TIMEOUT_MS },
    },
  },
  outputSchema: {
    type: 'object',
    properties: {
      page: PAGE_HANDLE_SCHEMA,
      html: { type: 'string' },
      url: { type: 'string' },
      title: { type: 'string' },
    },
    required: ['page', 'html', 'url', 'title'],
  },
  canStart: false,
  replaySafe: true,
  traits: { callsExternal: true, estimatedDurationMs: 300 },
  async run({ handles, settings }, ctx) {
    return runOnPage(handles, ctx, async (page, handle) => {
      const html = settings.selector
        ? await page
            .locator(settings.selector)
            .first()
            .evaluate((element) => element.outerHTML, undefined, {
              timeout: settings.timeoutMs,
            })
        : await page.content();
      if (Buffer.byteLength(html) > MAX_HTML_BYTES)
        throw new PermanentError(`the page's HTML is larger than ${MAX_HTML_BYTES} bytes`, 'HTML_TOO_LARGE');
      return { output: { page: handle, html, url: page.url(), title: await page.title() } };
    });
  },
};
