import { InvalidInputError, type NodeType } from '@baton/engine';
import { type Cheerio, type CheerioAPI, load } from 'cheerio';
// cheerio's own node types (a dependency of cheerio, imported for types only).
import type { AnyNode } from 'domhandler';
import { HTML_SETTING_DESCRIPTION, readHtmlInput } from './read-html-input.js';

type Selection = Cheerio<AnyNode>;

type ExtractValue = 'text' | 'html' | 'outerHtml' | 'attribute';

interface ExtractField {
  name: string;
  selector: string;
  value?: ExtractValue;
  attribute?: string;
  /** Every match as a list instead of the first match. */
  multiple?: boolean;
  /** Sub-fields read inside each match: the field becomes an object (or a list of them). */
  fields?: ExtractField[];
}

interface HtmlExtractSettings {
  html?: string;
  fields: ExtractField[];
  trim: boolean;
}

// Nested `fields` are for lists of records (rows, cards); deeper nesting is almost always a mistake.
const MAX_DEPTH = 5;

const fieldSchema = {
  type: 'object',
  properties: {
    name: { type: 'string', description: 'Key of the value in the output' },
    selector: { type: 'string', description: 'CSS selector, relative to the enclosing match' },
    value: { type: 'string', enum: ['text', 'html', 'outerHtml', 'attribute'], default: 'text' },
    attribute: { type: 'string', description: 'With value "attribute": which one (href, src, data-id)' },
    multiple: { type: 'boolean', default: false, description: 'Every match as a list' },
    fields: { type: 'array', description: 'Sub-fields read inside each match (same shape)' },
  },
  required: ['name', 'selector'],
};

/** Reads values out of HTML with CSS selectors (cheerio): text, HTML or an attribute, one or a list. */
export const htmlExtractNode: NodeType<HtmlExtractSettings> = {
  type: 'html.extract',
  version: 1,
  title: 'Extract from HTML',
  group: 'data',
  description: 'CSS selectors to values: text, inner/outer HTML or an attribute, first match or every match.',
  inputs: [{ name: 'in', dataType: 'any' }],
  outputs: [{ name: 'out', dataType: 'object' }],
  settingsSchema: {
    type: 'object',
    properties: {
      html: { type: 'string', description: HTML_SETTING_DESCRIPTION },
      fields: { type: 'array', items: fieldSchema, description: 'What to extract, one entry per output key' },
      trim: { type: 'boolean', default: true, description: 'Trim and collapse whitespace of text values' },
    },
    required: ['fields'],
  },
  outputSchema: {
    type: 'object',
    additionalProperties: true,
    description: 'One key per field: a string or null, a list with `multiple`, objects with sub-fields',
  },
  canStart: false,
  replaySafe: true,
  async run({ data, settings }) {
    if (!Array.isArray(settings.fields) || settings.fields.length === 0)
      throw new InvalidInputError('fields must list at least one { name, selector }', 'INVALID_FIELDS');
    const $ = load(readHtmlInput(settings.html, data));
    return { output: extractFields($, $.root(), settings.fields, settings.trim !== false, 'fields', 0) };
  },
};

function extractFields(
  $: CheerioAPI,
  scope: Selection,
  fields: ExtractField[],
  trim: boolean,
  path: string,
  depth: number,
): Record<string, unknown> {
  if (depth >= MAX_DEPTH)
    throw new InvalidInputError(`${path}: fields nest deeper than ${MAX_DEPTH}`, 'INVALID_FIELDS');
  const output: Record<string, unknown> = {};
  fields.forEach((field, index) => {
    const at = `${path}[${index}]`;
    if (!field || typeof field.name !== 'string' || typeof field.selector !== 'string')
      throw new InvalidInputError(`${at} needs a name and a selector`, 'INVALID_FIELDS');
    if (field.value === 'attribute' && !field.attribute)
      throw new InvalidInputError(`${at} reads an attribute but names none`, 'INVALID_FIELDS');
    const matches = select(scope, field.selector, at);
    const read = (element: Selection): unknown =>
      field.fields?.length
        ? extractFields($, element, field.fields, trim, `${at}.fields`, depth + 1)
        : readValue($, element, field, trim);
    const elements = matches.toArray().map((element) => $(element));
    output[field.name] = field.multiple ? elements.map(read) : elements[0] ? read(elements[0]) : null;
  });
  return output;
}

function select(scope: Selection, selector: string, at: string): Selection {
  try {
    return scope.find(selector);
  } catch (error) {
    throw new InvalidInputError(
      `${at}: invalid selector "${selector}": ${(error as Error).message}`,
      'INVALID_SELECTOR',
    );
  }
}

function readValue($: CheerioAPI, element: Selection, field: ExtractField, trim: boolean): string | null {
  switch (field.value ?? 'text') {
    case 'html':
      return element.html();
    case 'outerHtml':
      return $.html(element);
    case 'attribute':
      return element.attr(field.attribute as string) ?? null;
    default: {
      const text = element.text();
      return trim ? text.replace(/\s+/g, ' ').trim() : text;
    }
  }
}
