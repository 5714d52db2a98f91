import { type AslConformanceCase, chain, single } from '../asl-conformance-case.js';

/** Pass, Succeed and Fail states, and transitions. */
export const passCases: AslConformanceCase[] = [
  {
    name: 'machine: Type STANDARD (as AWS exports it) is accepted and runs',
    definition: { Type: 'STANDARD', ...single({ Type: 'Pass', Result: 'standard' }) },
    expect: { status: 'completed', output: 'standard' },
  },
  {
    name: 'machine: Type EXPRESS is accepted and runs',
    definition: { Comment: 'exported', Type: 'EXPRESS', ...single({ Type: 'Pass', Result: 'express' }) },
    expect: { status: 'completed', output: 'express' },
  },
  {
    name: 'pass: passes its input through',
    definition: single({ Type: 'Pass' }),
    input: { a: 1 },
    expect: { status: 'completed', output: { a: 1 } },
  },
  {
    name: 'pass: Result replaces the input',
    definition: single({ Type: 'Pass', Result: { x: 1 } }),
    input: { a: 1 },
    expect: { status: 'completed', output: { x: 1 } },
  },
  {
    name: 'pass: Result with ResultPath merges into the input',
    definition: single({ Type: 'Pass', Result: 'v', ResultPath: '$.r' }),
    input: { a: 1 },
    expect: { status: 'completed', output: { a: 1, r: 'v' } },
  },
  {
    name: 'pass: ResultPath creates nested objects',
    definition: single({ Type: 'Pass', Result: 5, ResultPath: '$.a.b.c' }),
    input: {},
    expect: { status: 'completed', output: { a: { b: { c: 5 } } } },
  },
  {
    name: 'pass: ResultPath null discards the result',
    definition: single({ Type: 'Pass', Result: 5, ResultPath: null }),
    input: { a: 1 },
    expect: { status: 'completed', output: { a: 1 } },
  },
  {
    name: 'pass: ResultPath $ replaces the input',
    definition: single({ Type: 'Pass', Result: [1, 2], ResultPath: '$' }),
    input: { a: 1 },
    expect: { status: 'completed', output: [1, 2] },
  },
  {
    name: 'pass: falsy Result 0 is a value',
    definition: single({ Type: 'Pass', Result: 0 }),
    input: { a: 1 },
    expect: { status: 'completed', output: 0 },
  },
  {
    name: 'pass: falsy Result false is a value',
    definition: single({ Type: 'Pass', Result: false, ResultPath: '$.f' }),
    input: {},
    expect: { status: 'completed', output: { f: false } },
  },
  {
    name: 'pass: falsy Result "" is a value',
    definition: single({ Type: 'Pass', Result: '', ResultPath: '$.s' }),
    input: {},
    expect: { status: 'completed', output: { s: '' } },
  },
  {
    name: 'pass: Result null is a value',
    definition: single({ Type: 'Pass', Result: null, ResultPath: '$.n' }),
    input: { a: 1 },
    expect: { status: 'completed', output: { a: 1, n: null } },
  },
  {
    name: 'pass: ResultPath overwrites an existing field',
    definition: single({ Type: 'Pass', Result: 2, ResultPath: '$.a' }),
    input: { a: 1, b: 1 },
    expect: { status: 'completed', output: { a: 2, b: 1 } },
  },
  {
    name: 'pass: ResultPath into an array index',
    definition: single({ Type: 'Pass', Result: 'x', ResultPath: '$.list[1]' }),
    input: { list: [0, 1, 2] },
    expect: { status: 'completed', output: { list: [0, 'x', 2] } },
  },
  {
    name: 'pass: ResultPath through a scalar is States.ResultPathMatchFailure',
    definition: single({ Type: 'Pass', Result: 1, ResultPath: '$.a.b' }),
    input: { a: 'text' },
    expect: { status: 'failed', error: 'States.ResultPathMatchFailure' },
  },
  {
    name: 'pass: ResultPath on a non-object input fails',
    definition: single({ Type: 'Pass', Result: 1, ResultPath: '$.a' }),
    input: 'text',
    expect: { status: 'failed', error: 'States.ResultPathMatchFailure' },
  },
  {
    name: 'pass: chain of passes runs in order',
    definition: chain(
      ['A', { Type: 'Pass', Result: 1, ResultPath: '$.a' }],
      ['B', { Type: 'Pass', Result: 2, ResultPath: '$.b' }],
      ['C', { Type: 'Pass', Result: 3, ResultPath: '$.c' }],
    ),
    input: {},
    expect: { status: 'completed', output: { a: 1, b: 2, c: 3 } },
  },
  {
    name: 'pass: null input passes through',
    definition: single({ Type: 'Pass' }),
    input: null,
    expect: { status: 'completed', output: null },
  },
  {
    name: 'succeed: ends the execution with its input',
    definition: chain(['A', { Type: 'Pass', Result: { done: true } }], ['B', { Type: 'Succeed' }]),
    input: {},
    expect: { status: 'completed', output: { done: true } },
  },
  {
    name: 'succeed: InputPath and OutputPath apply',
    definition: single({ Type: 'Succeed', InputPath: '$.a', OutputPath: '$.b' }),
    input: { a: { b: 7 } },
    expect: { status: 'completed', output: 7 },
  },
  {
    name: 'fail: Error and Cause become the execution error',
    definition: single({ Type: 'Fail', Error: 'MyError', Cause: 'it broke' }),
    input: {},
    expect: { status: 'failed', error: 'MyError', cause: 'it broke' },
  },
  {
    name: 'fail: ErrorPath and CausePath read the input',
    definition: single({ Type: 'Fail', ErrorPath: '$.e', CausePath: '$.c' }),
    input: { e: 'E1', c: 'C1' },
    expect: { status: 'failed', error: 'E1', cause: 'C1' },
  },
  {
    name: 'fail: CausePath may be an intrinsic function',
    definition: single({ Type: 'Fail', Error: 'E', CausePath: "States.Format('id {}', $.id)" }),
    input: { id: 42 },
    expect: { status: 'failed', error: 'E', cause: 'id 42' },
  },
  {
    name: 'fail: after a pass',
    definition: chain(['A', { Type: 'Pass' }], ['B', { Type: 'Fail', Error: 'Stop', Cause: 'here' }]),
    input: {},
    expect: { status: 'failed', error: 'Stop', cause: 'here' },
  },
];
