import { evaluateIntrinsic } from '../intrinsics/evaluate-intrinsic.js';
import { looksLikeIntrinsic } from '../intrinsics/parse-intrinsic.js';
import { readPath } from './read-path.js';

/**
 * Evaluates a payload template (Parameters, ResultSelector, ItemSelector): a field named
 * `name.$` becomes `name` with the value of its path (`$...`), context path (`$$...`) or
 * intrinsic function call; objects and arrays are walked recursively; other values are kept.
 */
export function resolvePayloadTemplate(template: unknown, data: unknown, context: unknown, field: string): unknown {
  if (Array.isArray(template)) return template.map((item) => resolvePayloadTemplate(item, data, context, field));
  if (typeof template !== 'object' || template === null) return template;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(template)) {
    if (key.endsWith('.$') && typeof value === 'string') {
      out[key.slice(0, -2)] = looksLikeIntrinsic(value)
        ? evaluateIntrinsic(value, data, context)
        : readPath(value, data, context, `${field}.${key}`);
    } else {
      out[key] = resolvePayloadTemplate(value, data, context, field);
    }
  }
  return out;
}
