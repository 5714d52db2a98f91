/** The `default` of every property of a node type's settings schema: a new node starts valid where it can. */
export function defaultSettings(schema: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const properties = (schema['properties'] ?? {}) as Record<string, { default?: unknown }>;
  const settings: Record<string, unknown> = {};
  for (const [key, property] of Object.entries(properties)) {
    if (property.default !== undefined) settings[key] = structuredClone(property.default);
  }
  return settings;
}
