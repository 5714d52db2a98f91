import { InvalidInputError, type NodeType } from '@baton/engine';
import { load } from 'cheerio';
// cheerio's own node types (a dependency of cheerio, imported for types only).
import type { AnyNode } from 'domhandler';
import { HTML_SETTING_DESCRIPTION, readHtmlInput } from './read-html-input.js';

interface HtmlTextSettings {
  html?: string;
  selector?: string;
  maxLength?: number;
}

// Elements that are not readable text, and those that start a new line when rendered.
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'svg', 'head', 'iframe', 'object', 'canvas']);
const BLOCKS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'dd',
  'details',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tr',
  'ul',
]);

/** The readable text of a page or of one part of it: no scripts or styles, one line per block. */
export const htmlTextNode: NodeType<HtmlTextSettings> = {
  type: 'html.text',
  version: 1,
  title: 'Text from HTML',
  group: 'data',
  description: 'Readable text of HTML (scripts, styles and markup removed, blocks on their own lines) and its title.',
  inputs: [{ name: 'in', dataType: 'any' }],
  outputs: [{ name: 'out', dataType: 'object' }],
  settingsSchema: {
    type: 'object',
    properties: {
      html: { type: 'string', description: HTML_SETTING_DESCRIPTION },
      selector: { type: 'string', description: 'CSS selector of the part to read (default: the whole body)' },
      maxLength: { type: 'integer', minimum: 1, description: 'Cut the text to this many characters' },
    },
  },
  outputSchema: {
    type: 'object',
    properties: {
      text: { type: 'string' },
      title: { type: 'string', description: 'The document <title>, or null' },
      truncated: { type: 'boolean' },
    },
    required: ['text', 'title', 'truncated'],
  },
  canStart: false,
  replaySafe: true,
  async run({ data, settings }) {
    const $ = load(readHtmlInput(settings.html, data));
    let roots: AnyNode[];
    try {
      roots = settings.selector ? $(settings.selector).toArray() : $('body').toArray();
    } catch (error) {
      throw new InvalidInputError(
        `invalid selector "${settings.selector}": ${(error as Error).message}`,
        'INVALID_SELECTOR',
      );
    }
    const parts: string[] = [];
    for (const root of roots) collectText(root, parts);
    let text = normalize(parts.join(''));
    const truncated = settings.maxLength !== undefined && text.length > settings.maxLength;
    if (truncated) text = text.slice(0, settings.maxLength);
    const title = $('title').first().text().trim();
    return { output: { text, title: title || null, truncated } };
  },
};

function collectText(node: AnyNode, parts: string[]): void {
  if (node.type === 'text') {
    parts.push(node.data.replace(/\s+/g, ' '));
    return;
  }
  if (!('children' in node)) return;
  const name = 'name' in node ? node.name.toLowerCase() : '';
  if (SKIPPED.has(name)) return;
  if (name === 'br') {
    parts.push('\n');
    return;
  }
  if (name === 'pre') {
    // Preformatted text keeps its own line breaks.
    parts.push('\n', textOf(node), '\n');
    return;
  }
  const block = BLOCKS.has(name);
  if (block) parts.push('\n');
  if (name === 'td' || name === 'th') parts.push('\t');
  for (const child of node.children) collectText(child, parts);
  if (block) parts.push('\n');
}

function textOf(node: AnyNode): string {
  if (node.type === 'text') return node.data;
  return 'children' in node ? node.children.map(textOf).join('') : '';
}

/** Trims every line, drops the blank ones at the ends and keeps at most one blank line between blocks. */
function normalize(raw: string): string {
  return raw
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, (run) => (run.includes('\t') ? '\t' : ' ')).trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
