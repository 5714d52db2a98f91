import { createHash, randomUUID } from 'node:crypto';
import { AslError, STATES } from '../definition/asl.error.js';
import { isDeepEqual } from '../choice/is-deep-equal.js';

type IntrinsicFunction = (args: unknown[]) => unknown;

const fail = (name: string, message: string) => new AslError(STATES.IntrinsicFailure, `${name}: ${message}`);

function expectArgs(name: string, args: unknown[], min: number, max = min): void {
  if (args.length < min || args.length > max) {
    throw fail(name, `expects ${min === max ? min : `${min} to ${max}`} argument(s), got ${args.length}`);
  }
}

function expectType<T>(name: string, value: unknown, check: (v: unknown) => boolean, what: string): T {
  if (!check(value)) throw fail(name, `expects ${what}, got ${JSON.stringify(value)}`);
  return value as T;
}

const isString = (v: unknown) => typeof v === 'string';
const isArray = (v: unknown) => Array.isArray(v);
const isInteger = (v: unknown) => typeof v === 'number' && Number.isInteger(v);
const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);

const HASHES: Record<string, string> = {
  MD5: 'md5',
  'SHA-1': 'sha1',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};
const MAX_ARRAY_RANGE = 1000;

/** States.Format: `{}` takes the next argument; `\{`, `\}` and `\\` are a literal brace or backslash. */
function format(args: unknown[]): string {
  if (args.length < 1) throw fail('States.Format', 'expects a template');
  const template = expectType<string>('States.Format', args[0], isString, 'a string template');
  let next = 1;
  const out = template.replace(/\\([{}\\])|\{\}/g, (match, escaped: string | undefined) => {
    if (escaped) return escaped;
    if (next >= args.length) throw fail('States.Format', 'more {} placeholders than arguments');
    const value = args[next++];
    if (typeof value === 'object' && value !== null)
      throw fail('States.Format', 'arguments must be strings, numbers, booleans or null');
    return String(value);
  });
  if (next !== args.length) throw fail('States.Format', 'more arguments than {} placeholders');
  return out;
}

// Mulberry32: a tiny seeded generator so MathRandom with a seed is repeatable.
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The intrinsic functions of the States Language, by name. */
export const INTRINSIC_FUNCTIONS: Record<string, IntrinsicFunction> = {
  'States.Format': format,
  'States.StringToJson': (args) => {
    expectArgs('States.StringToJson', args, 1);
    const text = expectType<string>('States.StringToJson', args[0], isString, 'a string');
    try {
      return JSON.parse(text);
    } catch {
      throw fail('States.StringToJson', `not valid JSON: ${text}`);
    }
  },
  'States.JsonToString': (args) => (expectArgs('States.JsonToString', args, 1), JSON.stringify(args[0])),
  'States.Array': (args) => [...args],
  'States.ArrayPartition': (args) => {
    expectArgs('States.ArrayPartition', args, 2);
    const array = expectType<unknown[]>('States.ArrayPartition', args[0], isArray, 'an array');
    const size = expectType<number>(
      'States.ArrayPartition',
      args[1],
      (v) => isInteger(v) && (v as number) > 0,
      'a positive integer chunk size',
    );
    const chunks: unknown[][] = [];
    for (let i = 0; i < array.length; i += size) chunks.push(array.slice(i, i + size));
    return chunks;
  },
  'States.ArrayContains': (args) => {
    expectArgs('States.ArrayContains', args, 2);
    const array = expectType<unknown[]>('States.ArrayContains', args[0], isArray, 'an array');
    return array.some((item) => isDeepEqual(item, args[1]));
  },
  'States.ArrayRange': (args) => {
    expectArgs('States.ArrayRange', args, 3);
    const [start, end, step] = args.map((a) => expectType<number>('States.ArrayRange', a, isInteger, 'integers'));
    if (step === 0) throw fail('States.ArrayRange', 'step must not be 0');
    const out: number[] = [];
    for (let n = start; step > 0 ? n <= end : n >= end; n += step) {
      out.push(n);
      if (out.length > MAX_ARRAY_RANGE) throw fail('States.ArrayRange', `more than ${MAX_ARRAY_RANGE} items`);
    }
    return out;
  },
  'States.ArrayGetItem': (args) => {
    expectArgs('States.ArrayGetItem', args, 2);
    const array = expectType<unknown[]>('States.ArrayGetItem', args[0], isArray, 'an array');
    const index = expectType<number>(
      'States.ArrayGetItem',
      args[1],
      (v) => isInteger(v) && (v as number) >= 0,
      'a non-negative integer index',
    );
    if (index >= array.length)
      throw fail('States.ArrayGetItem', `index ${index} is out of bounds (length ${array.length})`);
    return array[index];
  },
  'States.ArrayLength': (args) => {
    expectArgs('States.ArrayLength', args, 1);
    return expectType<unknown[]>('States.ArrayLength', args[0], isArray, 'an array').length;
  },
  'States.ArrayUnique': (args) => {
    expectArgs('States.ArrayUnique', args, 1);
    const array = expectType<unknown[]>('States.ArrayUnique', args[0], isArray, 'an array');
    return array.filter((item, i) => array.findIndex((other) => isDeepEqual(other, item)) === i);
  },
  'States.Base64Encode': (args) => {
    expectArgs('States.Base64Encode', args, 1);
    return Buffer.from(expectType<string>('States.Base64Encode', args[0], isString, 'a string'), 'utf8').toString(
      'base64',
    );
  },
  'States.Base64Decode': (args) => {
    expectArgs('States.Base64Decode', args, 1);
    const text = expectType<string>('States.Base64Decode', args[0], isString, 'a string');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) throw fail('States.Base64Decode', 'not valid base64');
    return Buffer.from(text, 'base64').toString('utf8');
  },
  'States.Hash': (args) => {
    expectArgs('States.Hash', args, 2);
    const algorithm = HASHES[String(args[1])];
    if (!algorithm) throw fail('States.Hash', `algorithm must be one of ${Object.keys(HASHES).join(', ')}`);
    const data = typeof args[0] === 'string' ? args[0] : JSON.stringify(args[0]);
    return createHash(algorithm).update(data, 'utf8').digest('hex');
  },
  'States.JsonMerge': (args) => {
    expectArgs('States.JsonMerge', args, 3);
    const left = expectType<object>('States.JsonMerge', args[0], isObject, 'objects');
    const right = expectType<object>('States.JsonMerge', args[1], isObject, 'objects');
    if (args[2] !== false) throw fail('States.JsonMerge', 'only shallow merges (false) are supported');
    return { ...left, ...right };
  },
  'States.MathRandom': (args) => {
    expectArgs('States.MathRandom', args, 2, 3);
    const [start, end, seed] = args.map((a) => expectType<number>('States.MathRandom', a, isInteger, 'integers'));
    if (end <= start) throw fail('States.MathRandom', 'end must be greater than start');
    const random = seed === undefined ? Math.random : seeded(seed);
    return start + Math.floor(random() * (end - start));
  },
  'States.MathAdd': (args) => {
    expectArgs('States.MathAdd', args, 2);
    const [a, b] = args.map((v) => expectType<number>('States.MathAdd', v, isInteger, 'integers'));
    return a + b;
  },
  'States.StringSplit': (args) => {
    expectArgs('States.StringSplit', args, 2);
    const text = expectType<string>('States.StringSplit', args[0], isString, 'a string');
    const delimiters = expectType<string>('States.StringSplit', args[1], isString, 'a string of delimiter characters');
    // Every character of the second argument is a delimiter; empty pieces are dropped.
    return text
      .split('')
      .reduce<string[]>(
        (parts, ch) => (delimiters.includes(ch) ? parts.push('') : (parts[parts.length - 1] += ch), parts),
        [''],
      )
      .filter((part) => part.length > 0);
  },
  'States.UUID': (args) => (expectArgs('States.UUID', args, 0), randomUUID()),
};

/** Declared argument counts, for validation: [min, max]. */
export const INTRINSIC_ARITY: Record<string, [number, number]> = {
  'States.Format': [1, Infinity],
  'States.StringToJson': [1, 1],
  'States.JsonToString': [1, 1],
  'States.Array': [0, Infinity],
  'States.ArrayPartition': [2, 2],
  'States.ArrayContains': [2, 2],
  'States.ArrayRange': [3, 3],
  'States.ArrayGetItem': [2, 2],
  'States.ArrayLength': [1, 1],
  'States.ArrayUnique': [1, 1],
  'States.Base64Encode': [1, 1],
  'States.Base64Decode': [1, 1],
  'States.Hash': [2, 2],
  'States.JsonMerge': [3, 3],
  'States.MathRandom': [2, 3],
  'States.MathAdd': [2, 2],
  'States.StringSplit': [2, 2],
  'States.UUID': [0, 0],
};
