/** Deepest JSON nesting a request may carry; definitions and inputs need far less. */
export const MAX_JSON_DEPTH = 64;

// U+0000 cannot be stored in PostgreSQL text or jsonb, and a lone UTF-16 surrogate is not text
// at all (PostgreSQL refuses it as jsonb): both would fail deep in a query as a 500.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The path and reason of the first value (or key) in a parsed request part that Baton could not
 * store, or that nests deeper than MAX_JSON_DEPTH; null when everything is fine. Iterative, so a
 * hostile depth cannot overflow the stack here.
 */
export function findUnstorableText(value: unknown, root: string): { path: string; problem: string } | null {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: root, depth: 0 }];
  while (stack.length) {
    const { value: current, path, depth } = stack.pop()!;
    if (typeof current === 'string') {
      if (UNSTORABLE.test(current)) return { path, problem: 'must not contain NUL characters or unpaired surrogates' };
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= MAX_JSON_DEPTH) return { path, problem: `nests deeper than ${MAX_JSON_DEPTH} levels` };
    for (const [key, child] of Object.entries(current)) {
      const childPath = Array.isArray(current) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
      if (UNSTORABLE.test(key))
        return { path: childPath, problem: 'has a key with NUL characters or unpaired surrogates' };
      stack.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
  return null;
}
