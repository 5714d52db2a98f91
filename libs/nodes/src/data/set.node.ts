import { InvalidInputError, type NodeType } from '@baton/engine';

interface SetSettings {
  mode: 'set' | 'pick' | 'merge';
  values: Record<string, unknown>;
  keys: string[];
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Edits properties of the input object. `set` writes `values` at dotted paths, `pick` keeps only
 * `keys` (dotted paths), `merge` deep-merges `values` into the input.
 */
export const setNode: NodeType<SetSettings> = {
  type: 'data.set',
  version: 1,
  title: 'Set fields',
  group: 'data',
  description: 'Sets, picks or merges properties of the input object; values may use {{ }} templates.',
  // Typed so the editor and validation refuse e.g. a loop's `done` array here before a run fails.
  inputs: [{ name: 'in', dataType: 'object' }],
  outputs: [{ name: 'out', dataType: 'object' }],
  settingsSchema: {
    type: 'object',
    properties: {
      mode: { type: 'string', enum: ['set', 'pick', 'merge'], default: 'set' },
      values: { type: 'object', default: {}, description: 'Path -> value for set, object for merge.' },
      keys: { type: 'array', items: { type: 'string' }, default: [], description: 'Paths kept by pick.' },
    },
  },
  canStart: false,
  replaySafe: true,
  async run({ data, settings }) {
    const input = data === null || data === undefined ? {} : data;
    if (!isObject(input)) throw new InvalidInputError('data.set needs an object input', 'INVALID_INPUT');
    if (settings.mode === 'pick') {
      const picked: Json = {};
      for (const key of settings.keys) {
        const value = readPath(input, key);
        if (value !== undefined) writePath(picked, key, value);
      }
      return { output: picked };
    }
    if (settings.mode === 'merge') return { output: deepMerge(input, settings.values) };
    const output = structuredClone(input);
    for (const [path, value] of Object.entries(settings.values)) writePath(output, path, value);
    return { output };
  },
};

function readPath(source: Json, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (isObject(value) ? value[key] : undefined), source);
}

function writePath(target: Json, path: string, value: unknown): void {
  const keys = path.split('.');
  let cursor = target;
  for (const key of keys.slice(0, -1)) {
    if (!isObject(cursor[key])) cursor[key] = {};
    cursor = cursor[key] as Json;
  }
  cursor[keys[keys.length - 1]] = value;
}

function deepMerge(base: Json, patch: Json): Json {
  const merged: Json = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    merged[key] = isObject(value) && isObject(merged[key]) ? deepMerge(merged[key] as Json, value) : value;
  }
  return merged;
}
