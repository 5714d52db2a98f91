/** One field of a credential kind's JSON Schema, as the form draws it. */
export interface CredentialField {
  readonly key: string;
  readonly title: string;
  readonly description: string;
  readonly control: 'text' | 'url' | 'integer' | 'boolean' | 'secret';
  readonly required: boolean;
  readonly fallback: string | number | boolean | null;
  readonly pattern: string | null;
  readonly minLength: number | null;
  readonly maxLength: number | null;
  readonly minimum: number | null;
  readonly maximum: number | null;
}

interface PropertySchema {
  readonly type?: string;
  readonly title?: string;
  readonly description?: string;
  readonly format?: string;
  readonly default?: string | number | boolean;
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly writeOnly?: boolean;
}

/**
 * The fields of a kind's `values` schema (GET /api/credential-types), in schema order. A
 * `writeOnly` field is a secret: the form never shows its value, only whether it is set.
 */
export function credentialFieldsOf(schema: Readonly<Record<string, unknown>>): CredentialField[] {
  const properties = (schema['properties'] ?? {}) as Record<string, PropertySchema>;
  const required = new Set((schema['required'] as string[] | undefined) ?? []);
  return Object.entries(properties).map(([key, property]) => ({
    key,
    title: property.title ?? key,
    description: property.description ?? '',
    control: controlOf(property),
    required: required.has(key),
    fallback: property.default ?? null,
    pattern: property.pattern ?? null,
    minLength: property.minLength ?? null,
    maxLength: property.maxLength ?? null,
    minimum: property.minimum ?? null,
    maximum: property.maximum ?? null,
  }));
}

function controlOf(property: PropertySchema): CredentialField['control'] {
  if (property.writeOnly) return 'secret';
  if (property.type === 'boolean') return 'boolean';
  if (property.type === 'integer' || property.type === 'number') return 'integer';
  return property.format === 'uri' ? 'url' : 'text';
}

/** A form entry as typed (text inputs give strings) turned into the value the schema wants. */
export function toCredentialValue(field: CredentialField, raw: string | boolean): string | number | boolean | null {
  if (field.control === 'boolean') return raw === true;
  if (typeof raw !== 'string' || raw === '') return null;
  if (field.control === 'integer') return Number(raw);
  // Secrets are sent exactly as typed (a leading space may be part of a token); other text is trimmed.
  return field.control === 'secret' ? raw : raw.trim();
}
