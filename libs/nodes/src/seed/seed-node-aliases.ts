/**
 * How one node type of the product's seed design (`shared/seeds/001_*`, "Node Registry") maps to a
 * Baton node type: its type id, its input names (`data.inputs` keys, e.g. "Website URL") as
 * settings keys, and its handle names (e.g. "Web Page") as Baton handles.
 */
export interface SeedNodeAlias {
  type: string;
  /** Seed input name -> Baton setting key. Baton's own keys pass unchanged. */
  inputs: Record<string, string>;
  /** Seed input handle name -> Baton input handle. */
  inputHandles: Record<string, string>;
  /** Seed output handle name -> Baton output handle. */
  outputHandles: Record<string, string>;
  /** Settings the Baton type requires that the seed node did not have, with why. */
  defaults?: Record<string, { value: unknown; note: string }>;
}

const PAGE_IN = { 'Web Page': 'page', Page: 'page' };
const PAGE_OUT = { 'Web Page': 'page', Page: 'page' };
const SELECTOR = { Selector: 'selector', 'CSS Selector': 'selector', Element: 'selector' };
const TEXT_IN = { HTML: 'in', Html: 'in', Text: 'in', Content: 'in', 'Web Page': 'in' };

/** The seed's node types, by the id its workflows name in `nodes[].type`. */
export const SEED_NODE_ALIASES: Readonly<Record<string, SeedNodeAlias>> = {
  launch_standard_browser: {
    type: 'browser.open',
    inputs: { 'Website URL': 'url', URL: 'url' },
    inputHandles: {},
    outputHandles: PAGE_OUT,
  },
  fill_input: {
    type: 'browser.fill',
    inputs: { ...SELECTOR, Value: 'value', Text: 'value', 'Input Value': 'value' },
    inputHandles: PAGE_IN,
    outputHandles: PAGE_OUT,
  },
  click_element: {
    type: 'browser.click',
    inputs: SELECTOR,
    inputHandles: PAGE_IN,
    outputHandles: PAGE_OUT,
  },
  get_html: {
    type: 'browser.html',
    inputs: SELECTOR,
    inputHandles: PAGE_IN,
    outputHandles: { ...PAGE_OUT, HTML: 'out', Html: 'out' },
  },
  get_text_from_html: {
    type: 'html.text',
    inputs: { ...SELECTOR, HTML: 'html', Html: 'html' },
    inputHandles: TEXT_IN,
    outputHandles: { Text: 'out', 'Text Content': 'out' },
  },
  extract_data_openai: {
    type: 'ai.extract',
    inputs: {
      Prompt: 'system',
      Instructions: 'system',
      'System Prompt': 'system',
      Schema: 'schema',
      'JSON Schema': 'schema',
      'Output Schema': 'schema',
      Model: 'model',
      Text: 'input',
      Content: 'input',
      Input: 'input',
      Credential: 'credentialId',
      'Credential ID': 'credentialId',
    },
    inputHandles: TEXT_IN,
    outputHandles: { Data: 'out', 'Extracted Data': 'out', Result: 'out', JSON: 'out' },
    defaults: {
      schema: {
        value: { type: 'object' },
        note: 'had no schema; any JSON object is accepted (set `schema` to validate the answer)',
      },
    },
  },
};
