import type { JsonSchemaObject } from '../nodes/node-type.js';
import { evaluateExpression } from './evaluate-expression.js';

const WHOLE = /^\s*\{\{([\s\S]+?)\}\}\s*$/;
const EMBEDDED = /\{\{([\s\S]+?)\}\}/g;

/**
 * Whether the node evaluates a setting itself, so `{{ }}` in it is left as written: a JSONata
 * expression (`format: "jsonata"`), or a template the node renders with its own escaping
 * (`format: "template"`, template.html), where an unescaped `{{ }}` interpolated first would
 * bypass that escaping.
 */
export function isExpressionSetting(schema: JsonSchemaObject, key: string): boolean {
  const format = schema.properties[key]?.format;
  return format === 'jsonata' || format === 'template';
}

/** Every `{{ }}` expression inside a value, for validation. */
export function findTemplateExpressions(value: unknown): string[] {
  if (typeof value === 'string') return [...value.matchAll(EMBEDDED)].map((m) => m[1]);
  if (Array.isArray(value)) return value.flatMap(findTemplateExpressions);
  if (value && typeof value === 'object') return Object.values(value).flatMap(findTemplateExpressions);
  return [];
}

/**
 * Evaluates `{{ expr }}` templates in node settings. A string that is exactly one template takes
 * the expression's value (any JSON type); templates inside longer strings are interpolated.
 */
export async function resolveSettings(
  inputs: Record<string, unknown>,
  schema: JsonSchemaObject,
  document: unknown,
  bindings: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const settings: Record<string, unknown> = {};
  for (const [key, property] of Object.entries(schema.properties)) {
    if (property.default !== undefined) settings[key] = property.default;
  }
  for (const [key, value] of Object.entries(inputs)) {
    settings[key] = isExpressionSetting(schema, key) ? value : await resolveTemplates(value, document, bindings);
  }
  return settings;
}

async function resolveTemplates(
  value: unknown,
  document: unknown,
  bindings: Record<string, unknown>,
): Promise<unknown> {
  if (typeof value === 'string') {
    const whole = WHOLE.exec(value);
    if (whole && !whole[1].includes('}}')) return evaluateExpression(whole[1], document, bindings);
    if (!value.includes('{{')) return value;
    const parts = await Promise.all(
      [...value.matchAll(EMBEDDED)].map((m) => evaluateExpression(m[1], document, bindings)),
    );
    let i = 0;
    return value.replace(EMBEDDED, () => stringify(parts[i++]));
  }
  if (Array.isArray(value)) return Promise.all(value.map((item) => resolveTemplates(item, document, bindings)));
  if (value && typeof value === 'object') {
    const entries = await Promise.all(
      Object.entries(value).map(async ([k, v]) => [k, await resolveTemplates(v, document, bindings)] as const),
    );
    return Object.fromEntries(entries);
  }
  return value;
}

function stringify(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
