import { type AslConformanceCase, chain, single } from '../asl-conformance-case.js';

/** InputPath, Parameters, ResultSelector, ResultPath, OutputPath and the Context object. */
export const dataFlowCases: AslConformanceCase[] = [
  {
    name: 'InputPath selects a field',
    definition: single({ Type: 'Pass', InputPath: '$.a' }),
    input: { a: { b: 1 } },
    expect: { status: 'completed', output: { b: 1 } },
  },
  {
    name: 'InputPath null gives {}',
    definition: single({ Type: 'Pass', InputPath: null }),
    input: { a: 1 },
    expect: { status: 'completed', output: {} },
  },
  {
    name: 'InputPath selecting a falsy value keeps it',
    definition: single({ Type: 'Pass', InputPath: '$.zero' }),
    input: { zero: 0 },
    expect: { status: 'completed', output: 0 },
  },
  {
    name: 'InputPath to a missing field is States.Runtime',
    definition: single({ Type: 'Pass', InputPath: '$.missing' }),
    input: { a: 1 },
    expect: { status: 'failed', error: 'States.Runtime' },
  },
  {
    name: 'InputPath with a wildcard yields an array',
    definition: single({ Type: 'Pass', InputPath: '$.items[*].id' }),
    input: { items: [{ id: 1 }, { id: 2 }] },
    expect: { status: 'completed', output: [1, 2] },
  },
  {
    name: 'InputPath with a filter expression',
    definition: single({ Type: 'Pass', InputPath: '$.items[?(@.n > 1)]' }),
    input: { items: [{ n: 1 }, { n: 2 }, { n: 3 }] },
    expect: { status: 'completed', output: [{ n: 2 }, { n: 3 }] },
  },
  {
    name: 'InputPath with bracket notation',
    definition: single({ Type: 'Pass', InputPath: "$['odd key']" }),
    input: { 'odd key': 'v' },
    expect: { status: 'completed', output: 'v' },
  },
  {
    name: 'OutputPath selects from the output',
    definition: single({ Type: 'Pass', Result: { keep: 1, drop: 2 }, ResultPath: '$.r', OutputPath: '$.r.keep' }),
    input: {},
    expect: { status: 'completed', output: 1 },
  },
  {
    name: 'OutputPath null gives {}',
    definition: single({ Type: 'Pass', OutputPath: null }),
    input: { a: 1 },
    expect: { status: 'completed', output: {} },
  },
  {
    name: 'OutputPath to a missing field is States.Runtime',
    definition: single({ Type: 'Pass', OutputPath: '$.nope' }),
    input: { a: 1 },
    expect: { status: 'failed', error: 'States.Runtime' },
  },
  {
    name: 'Parameters: static values',
    definition: single({ Type: 'Pass', Parameters: { a: 1, b: 'two', c: [true, null] } }),
    input: { x: 1 },
    expect: { status: 'completed', output: { a: 1, b: 'two', c: [true, null] } },
  },
  {
    name: 'Parameters: .$ paths',
    definition: single({ Type: 'Pass', Parameters: { 'v.$': '$.x', 'whole.$': '$' } }),
    input: { x: 5 },
    expect: { status: 'completed', output: { v: 5, whole: { x: 5 } } },
  },
  {
    name: 'Parameters: nested objects with .$',
    definition: single({ Type: 'Pass', Parameters: { outer: { 'inner.$': '$.x', fixed: 1 } } }),
    input: { x: 'y' },
    expect: { status: 'completed', output: { outer: { inner: 'y', fixed: 1 } } },
  },
  {
    name: 'Parameters: .$ inside arrays of objects',
    definition: single({ Type: 'Pass', Parameters: { list: [{ 'a.$': '$.a' }, { 'b.$': '$.b' }, 3] } }),
    input: { a: 1, b: 2 },
    expect: { status: 'completed', output: { list: [{ a: 1 }, { b: 2 }, 3] } },
  },
  {
    name: 'Parameters: after InputPath',
    definition: single({ Type: 'Pass', InputPath: '$.inner', Parameters: { 'v.$': '$.v' } }),
    input: { inner: { v: 9 } },
    expect: { status: 'completed', output: { v: 9 } },
  },
  {
    name: 'Parameters: falsy .$ values are kept',
    definition: single({ Type: 'Pass', Parameters: { 'z.$': '$.z', 'f.$': '$.f', 'e.$': '$.e', 'n.$': '$.n' } }),
    input: { z: 0, f: false, e: '', n: null },
    expect: { status: 'completed', output: { z: 0, f: false, e: '', n: null } },
  },
  {
    name: 'Parameters: a missing .$ path is States.Runtime',
    definition: single({ Type: 'Pass', Parameters: { 'v.$': '$.missing' } }),
    input: {},
    expect: { status: 'failed', error: 'States.Runtime' },
  },
  {
    name: 'Parameters: a key ending in .$ with a wildcard path yields an array',
    definition: single({ Type: 'Pass', Parameters: { 'ids.$': '$..id' } }),
    input: { a: { id: 1 }, b: [{ id: 2 }] },
    expect: { status: 'completed', output: { ids: [1, 2] } },
  },
  {
    name: 'ResultPath applies to the raw input, not the InputPath selection',
    definition: single({ Type: 'Pass', InputPath: '$.a', ResultPath: '$.copy' }),
    input: { a: 1, b: 2 },
    expect: { status: 'completed', output: { a: 1, b: 2, copy: 1 } },
  },
  {
    name: 'Parameters result placed with ResultPath',
    definition: single({ Type: 'Pass', Parameters: { 'sum.$': 'States.MathAdd($.a, $.b)' }, ResultPath: '$.calc' }),
    input: { a: 2, b: 3 },
    expect: { status: 'completed', output: { a: 2, b: 3, calc: { sum: 5 } } },
  },
  {
    name: 'context: $$.Execution.Input is the execution input',
    definition: chain(
      ['A', { Type: 'Pass', Result: 'x' }],
      ['B', { Type: 'Pass', Parameters: { 'original.$': '$$.Execution.Input' } }],
    ),
    input: { first: true },
    expect: { status: 'completed', output: { original: { first: true } } },
  },
  {
    name: 'context: $$.State.Name',
    definition: single({ Type: 'Pass', Parameters: { 'name.$': '$$.State.Name' } }),
    input: {},
    expect: { status: 'completed', output: { name: 'S' } },
  },
  {
    name: 'context: $$.State.RetryCount is 0 on the first attempt',
    definition: single({ Type: 'Pass', Parameters: { 'n.$': '$$.State.RetryCount' } }),
    input: {},
    expect: { status: 'completed', output: { n: 0 } },
  },
  {
    name: 'context: $$.Execution.Id is a string',
    definition: {
      StartAt: 'P',
      States: {
        P: { Type: 'Pass', Parameters: { 'id.$': '$$.Execution.Id' }, Next: 'C' },
        C: { Type: 'Choice', Choices: [{ Variable: '$.id', IsString: true, Next: 'Ok' }], Default: 'Bad' },
        Ok: { Type: 'Pass', Result: 'string', End: true },
        Bad: { Type: 'Fail', Error: 'NotString' },
      },
    },
    input: {},
    expect: { status: 'completed', output: 'string' },
  },
  {
    name: 'context: $$.Execution.StartTime and $$.State.EnteredTime are timestamps',
    definition: {
      StartAt: 'P',
      States: {
        P: {
          Type: 'Pass',
          Parameters: { 'start.$': '$$.Execution.StartTime', 'entered.$': '$$.State.EnteredTime' },
          Next: 'C',
        },
        C: {
          Type: 'Choice',
          Choices: [
            {
              And: [
                { Variable: '$.start', IsTimestamp: true },
                { Variable: '$.entered', IsTimestamp: true },
              ],
              Next: 'Ok',
            },
          ],
          Default: 'Bad',
        },
        Ok: { Type: 'Succeed', OutputPath: null },
        Bad: { Type: 'Fail', Error: 'NotTimestamps' },
      },
    },
    input: {},
    expect: { status: 'completed', output: {} },
  },
  {
    name: 'context: $$ paths in ResultSelector',
    definition: single({
      Type: 'Task',
      Resource: 'baton:data.transform',
      Parameters: { expression: '1' },
      ResultSelector: { 'r.$': '$', 'state.$': '$$.State.Name' },
    }),
    input: {},
    expect: { status: 'completed', output: { r: 1, state: 'S' } },
  },
  {
    name: 'context: $$.Task.Token is available in a Task',
    definition: single({
      Type: 'Task',
      Resource: 'baton:data.transform',
      Parameters: { 'expression.$': 'States.Format(\'$boolean("{}")\', $$.Task.Token)' },
    }),
    input: {},
    expect: { status: 'completed', output: true },
  },
];
