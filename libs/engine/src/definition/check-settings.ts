import { findExpressionSyntaxError } from '../expressions/evaluate-expression.js';
import { findTemplateExpressions } from '../expressions/resolve-settings.js';
import type { JsonSchemaObject, JsonSchemaProperty } from '../nodes/node-type.js';

export interface SettingProblem {
  key: string;
  message: string;
}

// Deliberately a small subset of JSON Schema (required, type, enum, minimum, maximum) plus expression
// syntax: enough to catch editor mistakes before a run; nodes still check what they read.
export function checkSettings(inputs: Record<string, unknown>, schema: JsonSchemaObject): SettingProblem[] {
  const problems: SettingProblem[] = [];
  for (const key of schema.required ?? []) {
    if (inputs[key] === undefined || inputs[key] === null || inputs[key] === '') {
      problems.push({ key, message: `missing required input "${key}"` });
    }
  }
  for (const [key, value] of Object.entries(inputs)) {
    const property = schema.properties[key];
    if (!property || value === undefined || value === null) continue;
    if (property.format === 'jsonata' && typeof value === 'string') {
      const syntax = findExpressionSyntaxError(value);
      if (syntax) problems.push({ key, message: `invalid expression: ${syntax}` });
      continue;
    }
    // A node-rendered template (template.html): its `{{ }}` are text, not expressions.
    if (property.format === 'template') continue;
    const templates = findTemplateExpressions(value);
    for (const template of templates) {
      const syntax = findExpressionSyntaxError(template);
      if (syntax) problems.push({ key, message: `invalid expression "{{${template}}}": ${syntax}` });
    }
    // A template's type is only known at run time.
    if (typeof value === 'string' && templates.length) continue;
    const typeProblem = checkType(value, property);
    if (typeProblem) problems.push({ key, message: typeProblem });
  }
  return problems;
}

function checkType(value: unknown, property: JsonSchemaProperty): string | null {
  if (property.enum && !property.enum.includes(value))
    return `must be one of ${property.enum.map((v) => JSON.stringify(v)).join(', ')}`;
  const actual = Array.isArray(value) ? 'array' : typeof value;
  if (property.type === 'integer') {
    if (!Number.isInteger(value)) return 'must be an integer';
  } else if (property.type && property.type !== actual) return `must be of type ${property.type}`;
  if (property.minimum !== undefined && typeof value === 'number' && value < property.minimum) {
    return `must be >= ${property.minimum}`;
  }
  if (property.maximum !== undefined && typeof value === 'number' && value > property.maximum) {
    return `must be <= ${property.maximum}`;
  }
  return null;
}
