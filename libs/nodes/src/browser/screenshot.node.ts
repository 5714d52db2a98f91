import { type NodeType, PermanentError } from '@baton/engine';
import { PAGE_HANDLE_SCHEMA, PAGE_INPUT, PAGE_OUTPUT } from './page-handle.js';
import { DEFAULT_ELEMENT_TIMEOUT_MS, runOnPage } from './run-on-page.js';

/**
 * Largest screenshot (encoded image bytes, before base64) a step may output. Steps are stored
 * rows, not files, until artifacts exist: 2 MiB keeps a row at ~2.7 MB of base64. A larger
 * image fails with `SCREENSHOT_TOO_LARGE`; JPEG, a lower quality, a smaller viewport or a
 * selector makes it fit.
 */
export const MAX_SCREENSHOT_BYTES = 2 * 1024 * 1024;

interface BrowserScreenshotSettings {
  selector?: string;
  fullPage: boolean;
  format: 'png' | 'jpeg';
  quality?: number;
  timeoutMs: number;
}

/** A screenshot of the page or of one element, as base64 in the step output (at most MAX_SCREENSHOT_BYTES). */
export const browserScreenshotNode: NodeType<BrowserScreenshotSettings> = {
  type: 'browser.screenshot',
  version: 1,
  title: 'Screenshot',
  group: 'data',
  description: `Captures the page (or an element) as PNG or JPEG, output as base64 (at most ${MAX_SCREENSHOT_BYTES / 1024 / 1024} MiB).`,
  inputs: [PAGE_INPUT],
  outputs: [PAGE_OUTPUT, { name: 'out', dataType: 'object' }],
  settingsSchema: {
    type: 'object',
    properties: {
      selector: { type: 'string', description: 'CSS selector of one element (default: the viewport)' },
      fullPage: { type: 'boolean', default: false, description: 'The whole scrollable page, not just the viewport' },
      format: { type: 'string', enum: ['png', 'jpeg'], default: 'png' },
      quality: { type: 'integer', minimum: 1, maximum: 100, description: 'JPEG quality' },
      timeoutMs: { type: 'integer', minimum: 1, maximum: 300_000, default: DEFAULT_ELEMENT_TIMEOUT_MS },
    },
  },
  outputSchema: {
    type: 'object',
    properties: {
      page: PAGE_HANDLE_SCHEMA,
      mimeType: { type: 'string', enum: ['image/png', 'image/jpeg'] },
      base64: { type: 'string', description: `The image, base64; at most ${MAX_SCREENSHOT_BYTES} bytes decoded` },
      bytes: { type: 'integer' },
      url: { type: 'string' },
    },
    required: ['page', 'mimeType', 'base64', 'bytes', 'url'],
  },
  canStart: false,
  replaySafe: true,
  traits: { callsExternal: true, estimatedDurationMs: 500 },
  async run({ handles, settings }, ctx) {
    return runOnPage(handles, ctx, async (page, handle) => {
      const options = {
        type: settings.format,
        quality: settings.format === 'jpeg' ? settings.quality : undefined,
        timeout: settings.timeoutMs,
      };
      const image = settings.selector
        ? await page.locator(settings.selector).first().screenshot(options)
        : await page.screenshot({ ...options, fullPage: settings.fullPage });
      if (image.byteLength > MAX_SCREENSHOT_BYTES)
        throw new PermanentError(
          `the screenshot is ${image.byteLength} bytes, over the ${MAX_SCREENSHOT_BYTES}-byte limit: use jpeg, a lower quality, a smaller viewport or a selector`,
          'SCREENSHOT_TOO_LARGE',
        );
      return {
        output: {
          page: handle,
          mimeType: `image/${settings.format}`,
          base64: image.toString('base64'),
          bytes: image.byteLength,
          url: page.url(),
        },
      };
    });
  },
};
