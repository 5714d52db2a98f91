import { InvalidInputError } from '@baton/engine';

/** Largest HTML document the html nodes parse (the outbound HTTP response cap's default). */
export const MAX_HTML_BYTES = 10 * 1024 * 1024;

/** The `html` setting's description, shared by the html nodes. */
export const HTML_SETTING_DESCRIPTION =
  'HTML source; when unset: the input if it is a string, else its `body` (an http.request output) or `html`.';

/** The HTML to parse: the `html` setting, else the input as a string, its `body` or its `html`. */
export function readHtmlInput(setting: unknown, data: unknown): string {
  const html = typeof setting === 'string' ? setting : fromData(data);
  if (html === undefined)
    throw new InvalidInputError(
      'No HTML: set `html`, or connect a string or an object with a string `body` or `html`',
      'HTML_MISSING',
    );
  if (Buffer.byteLength(html) > MAX_HTML_BYTES)
    throw new InvalidInputError(`HTML is larger than ${MAX_HTML_BYTES} bytes`, 'HTML_TOO_LARGE');
  return html;
}

function fromData(data: unknown): string | undefined {
  if (typeof data === 'string') return data;
  if (data && typeof data === 'object') {
    const { body, html } = data as { body?: unknown; html?: unknown };
    if (typeof body === 'string') return body;
    if (typeof html === 'string') return html;
  }
  return undefined;
}
