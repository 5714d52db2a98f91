import fc from 'fast-check';

/** A JSON Schema as the OpenAPI document carries it (the parts the fuzzer reads). */
export interface Schema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  format?: string;
  nullable?: boolean;
}

/** Values that broke servers before: NUL, lone surrogates, huge numbers, prototype keys, sizes. */
export const NASTY_STRINGS = [
  '',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udc00',
  '💥'.repeat(10),
  'x'.repeat(100_000),
  '../../etc/passwd',
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  '%00',
  '0000-01-01T00:00:00Z',
  '+275760-09-13T00:00:00.000Z',
  '2026-02-30',
  '__proto__',
  'constructor',
  '{{ $env }}',
  '00000000-0000-0000-0000-000000000000',
];

export const NASTY_NUMBERS = [0, -1, 1.5, 2 ** 31, 2 ** 53 + 1, -(2 ** 63), 1e308, Number.MAX_SAFE_INTEGER];

const deepArray = (depth: number): unknown => (depth === 0 ? [] : [deepArray(depth - 1)]);

export const NASTY_VALUES: unknown[] = [
  null,
  true,
  [],
  {},
  ...NASTY_NUMBERS,
  ...NASTY_STRINGS,
  { __proto__: { polluted: true } },
  JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}'),
  deepArray(200),
  Array.from({ length: 2000 }, (_, i) => i),
];

const nasty = fc.constantFrom(...NASTY_VALUES);

/**
 * An arbitrary for a schema: mostly values of the right shape (so requests get past the first
 * check and reach deeper code), often a nasty value or a wrong type in any position.
 */
export function valueFor(
  schema: Schema | undefined,
  resolve: (ref: string) => Schema,
  depth = 0,
): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return nasty;
  if (schema.$ref) return valueFor(resolve(schema.$ref), resolve, depth);
  const variants = schema.oneOf ?? schema.anyOf;
  const shaped = variants
    ? fc.oneof(...variants.map((s) => valueFor(s, resolve, depth + 1)))
    : schema.allOf
      ? valueFor(Object.assign({}, ...schema.allOf.map((s) => (s.$ref ? resolve(s.$ref) : s))), resolve, depth)
      : shapedValue(schema, resolve, depth);
  return fc.oneof(
    { weight: 6, arbitrary: shaped },
    { weight: 2, arbitrary: nasty },
    { weight: 1, arbitrary: fc.jsonValue() },
  );
}

function shapedValue(schema: Schema, resolve: (ref: string) => Schema, depth: number): fc.Arbitrary<unknown> {
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      if (schema.format === 'uuid') return fc.uuid();
      if (schema.format === 'date-time') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
      return fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom(...NASTY_STRINGS));
    case 'integer':
      return fc.oneof(fc.integer({ min: -5, max: 200 }), fc.constantFrom(...NASTY_NUMBERS));
    case 'number':
      return fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(...NASTY_NUMBERS));
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(valueFor(schema.items, resolve, depth + 1), { maxLength: 4 });
    case 'object':
    default: {
      const properties = schema.properties ?? {};
      const names = Object.keys(properties);
      if (!names.length)
        return fc.dictionary(fc.constantFrom('a', 'b', '__proto__', 'constructor'), nasty, { maxKeys: 3 });
      return fc.record(
        Object.fromEntries(names.map((name) => [name, valueFor(properties[name], resolve, depth + 1)])),
        { requiredKeys: [] },
      );
    }
  }
}
