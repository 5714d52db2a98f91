/**
 * Freezes a JSON-like value and everything inside it, in place, and returns it. Journal records
 * are shared between units of work instead of copied on every load (copying whole snapshots made
 * a step cost O(steps of the execution)); frozen, no holder can change what another one sees.
 * Already-frozen parts are skipped, so refreezing a record that reuses old parts is cheap.
 */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const inner of Object.values(value as Record<string, unknown>)) deepFreeze(inner);
  return value;
}

/**
 * A frozen copy of what a caller hands in. Parts that are already frozen came from this store
 * (a step rebuilt with `{ ...step, status }` keeps its old frozen input and output) and are
 * shared, not copied again: saving a changed step costs what changed, not the whole record.
 */
export function frozenCopy<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  if (value instanceof Date) return Object.freeze(new Date(value)) as T;
  if (Array.isArray(value)) return Object.freeze(value.map(frozenCopy)) as T;
  const copy: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) copy[key] = frozenCopy(inner);
  return Object.freeze(copy) as T;
}
