import { AslError, STATES } from '../definition/asl.error.js';

/**
 * Places `result` into `input` at a ResultPath (a Reference Path): `null` keeps the input,
 * `$` replaces it, `$.a.b` sets a field, creating missing objects on the way. A path through a
 * value that is not an object (or a missing array index) is `States.ResultPathMatchFailure`.
 */
export function applyResultPath(input: unknown, resultPath: string | null | undefined, result: unknown): unknown {
  if (resultPath === null) return input;
  if (resultPath === undefined || resultPath === '$') return result;
  const segments = parseReferencePath(resultPath);
  const fail = () =>
    new AslError(
      STATES.ResultPathMatchFailure,
      `Unable to apply ResultPath '${resultPath}' to input ${JSON.stringify(input)}`,
    );
  if (!isContainer(input)) throw fail();
  const root = structuredClone(input) as Record<string | number, unknown>;
  let node = root;
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1;
    if (typeof segment === 'number' ? !Array.isArray(node) || segment >= node.length : Array.isArray(node))
      throw fail();
    if (last) {
      node[segment] = result;
      return;
    }
    const child = node[segment];
    if (child === undefined) node[segment] = {};
    else if (!isContainer(child)) throw fail();
    node = node[segment] as Record<string | number, unknown>;
  });
  return root;
}

function isContainer(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

/** `$.a['b c'][2].d` into `['a', 'b c', 2, 'd']`. */
export function parseReferencePath(path: string): Array<string | number> {
  const segments: Array<string | number> = [];
  const pattern = /\.([^.[\]]+)|\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\]|\["((?:[^"\\]|\\.)*)"\]/gy;
  pattern.lastIndex = 1;
  if (!path.startsWith('$')) throw new AslError(STATES.Runtime, `Invalid reference path '${path}'`);
  while (pattern.lastIndex < path.length) {
    const match = pattern.exec(path);
    if (!match) throw new AslError(STATES.Runtime, `Invalid reference path '${path}'`);
    segments.push(match[2] !== undefined ? Number(match[2]) : (match[1] ?? match[3] ?? match[4]));
  }
  return segments;
}
