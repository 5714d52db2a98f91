import type { AslConformanceCase } from '../asl-conformance-case.js';
import { single } from '../asl-conformance-case.js';

/** `{ "v.$": call }` on a Pass state; the output is the call's value. */
const call = (name: string, expression: string, input: unknown, output: unknown): AslConformanceCase => ({
  name: `intrinsic: ${name}`,
  definition: single({ Type: 'Pass', Parameters: { 'v.$': expression }, OutputPath: '$.v' }),
  input,
  expect: { status: 'completed', output },
});

const failing = (name: string, expression: string, input: unknown = {}): AslConformanceCase => ({
  name: `intrinsic: ${name}`,
  definition: single({ Type: 'Pass', Parameters: { 'v.$': expression } }),
  input,
  expect: { status: 'failed', error: 'States.IntrinsicFailure' },
});

/** Every intrinsic function, with its escape rules and failures. */
export const intrinsicCases: AslConformanceCase[] = [
  call(
    'Format with paths',
    "States.Format('Hello, {} {}!', $.first, $.last)",
    { first: 'Ada', last: 'Lovelace' },
    'Hello, Ada Lovelace!',
  ),
  call(
    'Format with numbers, booleans and null',
    "States.Format('{}-{}-{}', $.n, $.b, $.z)",
    { n: 1.5, b: true, z: null },
    '1.5-true-null',
  ),
  call(
    'Format escapes braces and quotes',
    "States.Format('\\{literal\\} {} it\\'s', $.x)",
    { x: 'v' },
    "{literal} v it's",
  ),
  // AWS's own example (issue 15): in JSON "States.Format('C:\\\\{}', $.dir)", an escaped backslash then a placeholder.
  call(
    'Format with an escaped backslash before a placeholder',
    "States.Format('C:\\\\{}', $.dir)",
    { dir: 'Users' },
    'C:\\Users',
  ),
  call('Format with a backslash before an escaped brace', "States.Format('\\\\\\{{}\\}', $.x)", { x: 1 }, '\\{1}'),
  call('escapes in a literal that is not a template', "States.Array('a\\\\b', 'it\\'s', '\\{\\}')", {}, [
    'a\\b',
    "it's",
    '{}',
  ]),
  failing('Format with too few arguments fails', "States.Format('{} {}', $.x)", { x: 1 }),
  failing('Format with an object argument fails', "States.Format('{}', $.o)", { o: { a: 1 } }),
  call('StringToJson', 'States.StringToJson($.s)', { s: '{"a":[1,2]}' }, { a: [1, 2] }),
  failing('StringToJson of invalid JSON fails', 'States.StringToJson($.s)', { s: '{nope' }),
  call('JsonToString', 'States.JsonToString($.o)', { o: { a: 1, b: [true] } }, '{"a":1,"b":[true]}'),
  call('Array', "States.Array('a', 1, $.x, true, null)", { x: { y: 2 } }, ['a', 1, { y: 2 }, true, null]),
  call('Array with no arguments', 'States.Array()', {}, []),
  call('ArrayPartition', 'States.ArrayPartition($.a, 2)', { a: [1, 2, 3, 4, 5] }, [[1, 2], [3, 4], [5]]),
  failing('ArrayPartition with chunk size 0 fails', 'States.ArrayPartition($.a, 0)', { a: [1] }),
  call('ArrayContains finds a value', 'States.ArrayContains($.a, $.v)', { a: [1, { k: 2 }], v: { k: 2 } }, true),
  call('ArrayContains misses a value', 'States.ArrayContains($.a, 3)', { a: [1, 2] }, false),
  call('ArrayRange ascending', 'States.ArrayRange(1, 9, 2)', {}, [1, 3, 5, 7, 9]),
  call('ArrayRange descending', 'States.ArrayRange(5, 1, -2)', {}, [5, 3, 1]),
  failing('ArrayRange with step 0 fails', 'States.ArrayRange(1, 5, 0)'),
  call('ArrayGetItem', 'States.ArrayGetItem($.a, 1)', { a: ['x', 'y', 'z'] }, 'y'),
  failing('ArrayGetItem out of range fails', 'States.ArrayGetItem($.a, 5)', { a: [1] }),
  call('ArrayLength', 'States.ArrayLength($.a)', { a: [1, 2, 3] }, 3),
  call('ArrayLength of an empty array', 'States.ArrayLength($.a)', { a: [] }, 0),
  call('ArrayUnique', 'States.ArrayUnique($.a)', { a: [1, 2, 2, 'x', 'x', { o: 1 }, { o: 1 }] }, [1, 2, 'x', { o: 1 }]),
  call('Base64Encode', 'States.Base64Encode($.s)', { s: 'Data to encode' }, 'RGF0YSB0byBlbmNvZGU='),
  call('Base64Decode', 'States.Base64Decode($.s)', { s: 'RGF0YSB0byBlbmNvZGU=' }, 'Data to encode'),
  call(
    'Hash SHA-256',
    "States.Hash($.s, 'SHA-256')",
    { s: 'input data' },
    'b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3',
  ),
  call('Hash MD5', "States.Hash('abc', 'MD5')", {}, '900150983cd24fb0d6963f7d28e17f72'),
  call('Hash SHA-1', "States.Hash('abc', 'SHA-1')", {}, 'a9993e364706816aba3e25717850c26c9cd0d89d'),
  failing('Hash with an unknown algorithm fails', "States.Hash('abc', 'CRC32')"),
  call(
    'JsonMerge shallow',
    'States.JsonMerge($.a, $.b, false)',
    { a: { x: 1, n: { p: 1 } }, b: { y: 2, n: { q: 2 } } },
    { x: 1, y: 2, n: { q: 2 } },
  ),
  failing('JsonMerge deep is refused', 'States.JsonMerge($.a, $.b, true)', { a: {}, b: {} }),
  call(
    'MathRandom with a seed stays in range',
    'States.ArrayContains(States.ArrayRange(1, 9, 1), States.MathRandom(1, 10, 42))',
    {},
    true,
  ),
  call(
    'MathRandom without a seed stays in range',
    'States.ArrayContains(States.ArrayRange(5, 6, 1), States.MathRandom(5, 7))',
    {},
    true,
  ),
  call('MathAdd', 'States.MathAdd($.a, -3)', { a: 10 }, 7),
  failing('MathAdd of a non-integer fails', 'States.MathAdd($.a, 1)', { a: 1.5 }),
  call('StringSplit on one delimiter', "States.StringSplit($.s, ',')", { s: '1,2,3' }, ['1', '2', '3']),
  call(
    'StringSplit on several delimiter characters',
    "States.StringSplit($.s, '.+,=')",
    { s: 'This.is+a,test=string' },
    ['This', 'is', 'a', 'test', 'string'],
  ),
  call('UUID is a v4 UUID (5 groups)', "States.ArrayLength(States.StringSplit(States.UUID(), '-'))", {}, 5),
  call(
    'nested calls',
    "States.Format('{} items', States.ArrayLength(States.StringSplit($.csv, ',')))",
    { csv: 'a,b,c,d' },
    '4 items',
  ),
  call('context path argument', "States.Format('state {}', $$.State.Name)", {}, 'state S'),
];
