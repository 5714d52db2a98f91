import type { GraphNode } from './graph-definition';

const MAX_SUMMARY = 80;
// The one setting that tells nodes of a type apart on the canvas, by type; other types show
// the first of the common keys they have.
const KEY_SETTING: Record<string, string> = {
  'http.request': 'url',
  'data.transform': 'expression',
  'flow.condition': 'expression',
  'flow.delay': 'ms',
  'util.log': 'message',
  'code.run': 'code',
  'email.send': 'to',
  'browser.open': 'url',
};
const COMMON_KEYS = ['url', 'expression', 'condition', 'message', 'selector', 'path', 'template', 'value'];

/** A one-line summary of a node's key setting (`GET https://…`, a transform's expression), or null. */
export function summarizeNode(node: GraphNode): string | null {
  const inputs = node.data.inputs;
  const type = node.type.replace(/@\d+$/, '');
  const key = KEY_SETTING[type] ?? COMMON_KEYS.find((k) => inputs[k] !== undefined && inputs[k] !== '');
  if (!key) return null;
  const value = inputs[key];
  if (value === undefined || value === null || value === '') return null;
  let text = typeof value === 'string' ? value : JSON.stringify(value);
  if (type === 'http.request' && typeof inputs['method'] === 'string') text = `${inputs['method']} ${text}`;
  if (type === 'flow.delay') text = `wait ${text} ms`;
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > MAX_SUMMARY ? `${line.slice(0, MAX_SUMMARY - 1)}…` : line;
}

/** A glyph per node group, so types are told apart at a glance (the title says the rest). */
export function groupIcon(group: string | undefined): string {
  switch (group) {
    case 'trigger':
      return '⚡';
    case 'action':
      return '↗';
    case 'data':
      return '{}';
    case 'flow':
      return '⑂';
    case 'util':
      return '⚙';
    default:
      return '•';
  }
}
