import { JSONPath } from 'jsonpath-plus';
import { runtimeError } from '../definition/asl.error.js';
import { variablePathOf, variablesOf } from './path-variables.js';

// A path that can select several nodes: wildcards, deep scan, filters, unions and slices.
const INDEFINITE = /\*|\.\.|\[\?|,|:/;

/** Whether a path selects at most one node (a Reference Path in the spec). */
export function isDefinitePath(path: string): boolean {
  return !INDEFINITE.test(path.replace(/'[^']*'/g, "''"));
}

/** Result of looking a path up: `found` false when a definite path selects nothing. */
export type PathLookup = { found: true; value: unknown } | { found: false };

/**
 * Looks up a JSONPath (`$...`) in `data`, a context path (`$$...`) in `context`, or a variable
 * path (`$name...`) in the workflow variables bound to `context`. A definite path yields its one
 * value; an indefinite one yields the array of every match (possibly empty).
 */
export function lookUpPath(path: string, data: unknown, context: unknown): PathLookup {
  const variable = variablePathOf(path);
  if (variable) {
    const variables = variablesOf(context);
    if (!Object.hasOwn(variables, variable.name)) return { found: false };
    return lookUpPath(variable.rest, variables[variable.name], context);
  }
  const [document, relative] = path.startsWith('$$') ? [context, path.slice(1)] : [data, path];
  if (relative === '$') return { found: true, value: document };
  if (document === null || typeof document !== 'object') {
    return isDefinitePath(relative) ? { found: false } : { found: true, value: [] };
  }
  let matches: unknown[];
  try {
    matches = JSONPath({ path: relative, json: document as object, wrap: true, eval: 'safe' }) as unknown[];
  } catch (error) {
    throw runtimeError(`Invalid path '${path}': ${(error as Error).message}`);
  }
  if (!isDefinitePath(relative)) return { found: true, value: matches ?? [] };
  return matches && matches.length > 0 ? { found: true, value: matches[0] } : { found: false };
}

/** Like `lookUpPath`, but a path that selects nothing is a `States.Runtime` failure. */
export function readPath(path: string, data: unknown, context: unknown, field: string): unknown {
  const lookup = lookUpPath(path, data, context);
  const variable = variablePathOf(path);
  if (!lookup.found && variable && !Object.hasOwn(variablesOf(context), variable.name))
    throw runtimeError(`Invalid path '${path}' in ${field}: no variable named "${variable.name}" was assigned`);
  if (!lookup.found)
    throw runtimeError(`Invalid path '${path}' in ${field}: the path does not match the input ${preview(data)}`);
  return lookup.value;
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? 'null';
  return text.length > 200 ? `${text.slice(0, 200)}...` : text;
}
