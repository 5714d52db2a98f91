// Step ids of ASL executions: one row per state entry, unique per entry.
//   top level:            `3.Fetch`                 (3rd state entered in the scope, state name)
//   Map iteration 5:      `2.Map1[5]/1.Inner`       (scope `2.Map1[5]/`)
//   Parallel branch 1:    `4.Par[1]/1.First`
//   after a retry of the container, its new attempt is part of the scope: `2.Map1#3[5]/1.Inner`
// State names are escaped (`%`, `/`, `[`, `]`, `#`) so ids parse back without a lookup.

export interface AslStepAddress {
  /** '' at top level, else the prefix up to and including the last `/`. */
  scope: string;
  /** Order of entry within the scope, from 1. */
  seq: number;
  stateName: string;
}

const escapeName = (name: string) =>
  name.replace(/[%/[\]#]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
const unescapeName = (name: string) =>
  name.includes('%')
    ? name.replace(/%([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    : name;

/**
 * Parsed ids are remembered: every unit of work of a Map re-reads the ids of all its iterations,
 * so parsing them again each time made a Map's bookkeeping cost grow with its item count.
 * Bounded: cleared whole past `PARSE_CACHE_LIMIT` entries (ids are cheap to parse again).
 */
const PARSE_CACHE_LIMIT = 200_000;
const addressCache = new Map<string, AslStepAddress>();
const scopeCache = new Map<string, ReadonlyArray<ScopePart>>();

function remember<T>(cache: Map<string, T>, key: string, value: T): T {
  if (cache.size >= PARSE_CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

type ScopePart = { containerStepId: string; stateName: string; index: number };

export function aslStepId(scope: string, seq: number, stateName: string): string {
  return `${scope}${seq}.${escapeName(stateName)}`;
}

export function parseAslStepId(stepId: string): AslStepAddress {
  const known = addressCache.get(stepId);
  if (known) return known;
  const slash = stepId.lastIndexOf('/');
  const scope = stepId.slice(0, slash + 1);
  const last = stepId.slice(slash + 1);
  const dot = last.indexOf('.');
  const address = { scope, seq: Number(last.slice(0, dot)), stateName: unescapeName(last.slice(dot + 1)) };
  return remember(addressCache, stepId, Object.freeze(address));
}

/** Scope of branch or iteration `index` of a container step's attempt `attempt`. */
export function childScope(containerStepId: string, containerAttempt: number, index: number): string {
  return `${containerStepId}${containerAttempt > 1 ? `#${containerAttempt}` : ''}[${index}]/`;
}

/** State names along a scope, outermost first: the path to the sub-machine a step runs in. */
export function parseScope(scope: string): ReadonlyArray<ScopePart> {
  const known = scopeCache.get(scope);
  if (known) return known;
  const parts: ScopePart[] = [];
  const pattern = /(\d+)\.([^/[#]*)(?:#\d+)?\[(\d+)\]\//gy;
  let consumed = '';
  for (let match = pattern.exec(scope); match; match = pattern.exec(scope)) {
    parts.push({
      containerStepId: `${consumed}${match[1]}.${match[2]}`,
      stateName: unescapeName(match[2]),
      index: Number(match[3]),
    });
    consumed += match[0];
  }
  return remember(scopeCache, scope, Object.freeze(parts.map((part) => Object.freeze(part))));
}
