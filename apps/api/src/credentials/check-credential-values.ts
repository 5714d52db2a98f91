import type { CredentialFieldSchema, CredentialKindSchema } from './credential-kinds';

/**
 * Problems of `values` against a kind's schema, each naming its field (`values.port must be ...`).
 * The kinds are flat objects of strings, integers and booleans, so this covers their whole schema
 * vocabulary; `alreadySet` names secrets kept from before, which satisfy `required`.
 */
export function checkCredentialValues(
  schema: CredentialKindSchema,
  values: Record<string, unknown>,
  alreadySet: ReadonlySet<string> = new Set(),
): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(values)) {
    if (!Object.hasOwn(schema.properties, key)) problems.push(`values.${key} is not a field of this kind`);
  }
  for (const key of schema.required) {
    if ((values[key] === undefined || values[key] === null) && !alreadySet.has(key))
      problems.push(`values.${key} is required`);
  }
  for (const [key, field] of Object.entries(schema.properties)) {
    const value = values[key];
    if (value === undefined || value === null) continue;
    const problem = checkField(field, value);
    if (problem) problems.push(`values.${key} ${problem}`);
  }
  return problems;
}

function checkField(field: CredentialFieldSchema, value: unknown): string | null {
  if (field.type === 'boolean') return typeof value === 'boolean' ? null : 'must be a boolean';
  if (field.type === 'integer') {
    if (!Number.isInteger(value)) return 'must be an integer';
    const n = value as number;
    if (field.minimum !== undefined && n < field.minimum) return `must be >= ${field.minimum}`;
    if (field.maximum !== undefined && n > field.maximum) return `must be <= ${field.maximum}`;
    return null;
  }
  if (typeof value !== 'string') return 'must be a string';
  if (field.minLength !== undefined && value.length < field.minLength)
    return `must be at least ${field.minLength} characters`;
  if (field.maxLength !== undefined && value.length > field.maxLength)
    return `must be at most ${field.maxLength} characters`;
  if (field.pattern && !new RegExp(field.pattern).test(value)) return `must match ${field.pattern}`;
  if (field.format === 'uri' && !isHttpUrl(value)) return 'must be an http(s) URL';
  return null;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
