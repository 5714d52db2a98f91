/** Comparison operators of Choice rules, by the type of value they compare. */
export const COMPARISONS = {
  String: ['StringEquals', 'StringLessThan', 'StringGreaterThan', 'StringLessThanEquals', 'StringGreaterThanEquals'],
  Numeric: [
    'NumericEquals',
    'NumericLessThan',
    'NumericGreaterThan',
    'NumericLessThanEquals',
    'NumericGreaterThanEquals',
  ],
  Boolean: ['BooleanEquals'],
  Timestamp: [
    'TimestampEquals',
    'TimestampLessThan',
    'TimestampGreaterThan',
    'TimestampLessThanEquals',
    'TimestampGreaterThanEquals',
  ],
} as const;

export const TYPE_TESTS = ['IsNull', 'IsPresent', 'IsNumeric', 'IsString', 'IsBoolean', 'IsTimestamp'] as const;

/** Every operator a non-combinator rule may use (comparisons, their `Path` forms, type tests). */
export const CHOICE_OPERATORS: ReadonlySet<string> = new Set([
  ...Object.values(COMPARISONS).flat(),
  ...Object.values(COMPARISONS)
    .flat()
    .map((op) => `${op}Path`),
  'StringMatches',
  ...TYPE_TESTS,
]);

// RFC 3339 as Step Functions accepts it: uppercase T, and Z or a numeric offset.
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export function isTimestamp(value: unknown): value is string {
  return typeof value === 'string' && TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value));
}

/** `*` matches any run of characters; `\*` is a literal asterisk and `\\` a backslash. */
export function matchesWildcard(value: string, pattern: string): boolean {
  let regex = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\' && (pattern[i + 1] === '*' || pattern[i + 1] === '\\')) regex += `\\${pattern[++i]}`;
    else if (ch === '*') regex += '[\\s\\S]*';
    else regex += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${regex}$`).test(value);
}
