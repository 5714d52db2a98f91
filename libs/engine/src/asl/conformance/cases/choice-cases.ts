import type { AslConformanceCase } from '../asl-conformance-case.js';

/** A Choice with one rule: output "yes" when it matches, "no" (Default) otherwise. */
const rule = (
  name: string,
  choiceRule: Record<string, unknown>,
  input: unknown,
  matches: boolean,
): AslConformanceCase => ({
  name: `choice: ${name} -> ${matches ? 'match' : 'no match'}`,
  definition: {
    StartAt: 'C',
    States: {
      C: { Type: 'Choice', Choices: [{ ...choiceRule, Next: 'Yes' }], Default: 'No' },
      Yes: { Type: 'Pass', Result: 'yes', End: true },
      No: { Type: 'Pass', Result: 'no', End: true },
    },
  },
  input,
  expect: { status: 'completed', output: matches ? 'yes' : 'no' },
});

const v = (operator: string, operand: unknown) => ({ Variable: '$.v', [operator]: operand });

/** Every Choice operator and `Path` variant, type tests, And/Or/Not, wrong types, no match. */
export const choiceCases: AslConformanceCase[] = [
  rule('StringEquals', v('StringEquals', 'a'), { v: 'a' }, true),
  rule('StringEquals', v('StringEquals', 'a'), { v: 'b' }, false),
  rule('StringEquals on a number is false', v('StringEquals', '1'), { v: 1 }, false),
  rule('StringLessThan', v('StringLessThan', 'b'), { v: 'a' }, true),
  rule('StringGreaterThan', v('StringGreaterThan', 'b'), { v: 'a' }, false),
  rule('StringLessThanEquals', v('StringLessThanEquals', 'a'), { v: 'a' }, true),
  rule('StringGreaterThanEquals', v('StringGreaterThanEquals', 'b'), { v: 'c' }, true),
  rule('StringEqualsPath', v('StringEqualsPath', '$.w'), { v: 'x', w: 'x' }, true),
  rule('StringLessThanPath', v('StringLessThanPath', '$.w'), { v: 'x', w: 'y' }, true),
  rule('StringGreaterThanPath', v('StringGreaterThanPath', '$.w'), { v: 'x', w: 'y' }, false),
  rule('StringLessThanEqualsPath', v('StringLessThanEqualsPath', '$.w'), { v: 'y', w: 'y' }, true),
  rule('StringGreaterThanEqualsPath', v('StringGreaterThanEqualsPath', '$.w'), { v: 'a', w: 'b' }, false),
  rule('StringMatches with *', v('StringMatches', 'log-*.txt'), { v: 'log-2024.txt' }, true),
  rule('StringMatches with *', v('StringMatches', 'log-*.txt'), { v: 'log-2024.csv' }, false),
  rule('StringMatches escaped \\*', v('StringMatches', 'a\\*b'), { v: 'a*b' }, true),
  rule('StringMatches escaped \\* is literal', v('StringMatches', 'a\\*b'), { v: 'axxb' }, false),
  rule('StringMatches treats ? and . literally', v('StringMatches', 'a?.c'), { v: 'a?.c' }, true),
  rule('NumericEquals', v('NumericEquals', 1), { v: 1.0 }, true),
  rule('NumericEquals on a string is false', v('NumericEquals', 1), { v: '1' }, false),
  rule('NumericLessThan', v('NumericLessThan', 0), { v: -1.5 }, true),
  rule('NumericGreaterThan', v('NumericGreaterThan', 10), { v: 10 }, false),
  rule('NumericLessThanEquals', v('NumericLessThanEquals', 10), { v: 10 }, true),
  rule('NumericGreaterThanEquals', v('NumericGreaterThanEquals', 10), { v: 9 }, false),
  rule('NumericEqualsPath', v('NumericEqualsPath', '$.w'), { v: 3, w: 3 }, true),
  rule('NumericLessThanPath', v('NumericLessThanPath', '$.w'), { v: 2, w: 3 }, true),
  rule('NumericGreaterThanPath', v('NumericGreaterThanPath', '$.w'), { v: 2, w: 3 }, false),
  rule('NumericLessThanEqualsPath', v('NumericLessThanEqualsPath', '$.w'), { v: 3, w: 3 }, true),
  rule('NumericGreaterThanEqualsPath', v('NumericGreaterThanEqualsPath', '$.w'), { v: 4, w: 3 }, true),
  rule('NumericEqualsPath with a string operand is false', v('NumericEqualsPath', '$.w'), { v: 3, w: '3' }, false),
  rule('BooleanEquals', v('BooleanEquals', false), { v: false }, true),
  rule('BooleanEquals on a string is false', v('BooleanEquals', true), { v: 'true' }, false),
  rule('BooleanEqualsPath', v('BooleanEqualsPath', '$.w'), { v: true, w: true }, true),
  rule(
    'TimestampEquals across offsets',
    v('TimestampEquals', '2024-01-01T01:00:00+01:00'),
    { v: '2024-01-01T00:00:00Z' },
    true,
  ),
  rule('TimestampLessThan', v('TimestampLessThan', '2024-01-01T00:00:00Z'), { v: '2023-12-31T23:59:59Z' }, true),
  rule('TimestampGreaterThan', v('TimestampGreaterThan', '2024-01-01T00:00:00Z'), { v: '2023-12-31T23:59:59Z' }, false),
  rule(
    'TimestampLessThanEquals',
    v('TimestampLessThanEquals', '2024-01-01T00:00:00Z'),
    { v: '2024-01-01T00:00:00Z' },
    true,
  ),
  rule(
    'TimestampGreaterThanEquals',
    v('TimestampGreaterThanEquals', '2024-01-01T00:00:00Z'),
    { v: '2024-06-01T00:00:00.500Z' },
    true,
  ),
  rule(
    'TimestampEquals on a non-timestamp string is false',
    v('TimestampEquals', '2024-01-01T00:00:00Z'),
    { v: 'yesterday' },
    false,
  ),
  rule(
    'TimestampEqualsPath',
    v('TimestampEqualsPath', '$.w'),
    { v: '2024-01-01T00:00:00Z', w: '2024-01-01T00:00:00Z' },
    true,
  ),
  rule(
    'TimestampLessThanPath',
    v('TimestampLessThanPath', '$.w'),
    { v: '2024-01-01T00:00:00Z', w: '2024-01-02T00:00:00Z' },
    true,
  ),
  rule(
    'TimestampGreaterThanPath',
    v('TimestampGreaterThanPath', '$.w'),
    { v: '2024-01-01T00:00:00Z', w: '2024-01-02T00:00:00Z' },
    false,
  ),
  rule(
    'TimestampLessThanEqualsPath',
    v('TimestampLessThanEqualsPath', '$.w'),
    { v: '2024-01-03T00:00:00Z', w: '2024-01-02T00:00:00Z' },
    false,
  ),
  rule(
    'TimestampGreaterThanEqualsPath',
    v('TimestampGreaterThanEqualsPath', '$.w'),
    { v: '2024-01-03T00:00:00Z', w: '2024-01-02T00:00:00Z' },
    true,
  ),
  rule('IsNull true', v('IsNull', true), { v: null }, true),
  rule('IsNull false', v('IsNull', false), { v: 0 }, true),
  rule('IsPresent true', v('IsPresent', true), { v: false }, true),
  rule('IsPresent false on a missing field', v('IsPresent', false), { other: 1 }, true),
  rule('IsPresent true on a missing field', v('IsPresent', true), {}, false),
  rule('IsNumeric true', v('IsNumeric', true), { v: 1.5 }, true),
  rule('IsNumeric false', v('IsNumeric', false), { v: '1.5' }, true),
  rule('IsString true', v('IsString', true), { v: '' }, true),
  rule('IsString false', v('IsString', false), { v: 1 }, true),
  rule('IsBoolean true', v('IsBoolean', true), { v: false }, true),
  rule('IsBoolean false', v('IsBoolean', false), { v: 'false' }, true),
  rule('IsTimestamp true', v('IsTimestamp', true), { v: '2024-02-29T12:00:00.123Z' }, true),
  rule('IsTimestamp false', v('IsTimestamp', false), { v: '2024-02-29' }, true),
  rule('And', { And: [v('NumericGreaterThan', 1), v('NumericLessThan', 5)] }, { v: 3 }, true),
  rule('And', { And: [v('NumericGreaterThan', 1), v('NumericLessThan', 5)] }, { v: 7 }, false),
  rule('Or', { Or: [v('StringEquals', 'a'), v('StringEquals', 'b')] }, { v: 'b' }, true),
  rule('Not', { Not: v('StringEquals', 'a') }, { v: 'b' }, true),
  rule(
    'nested And/Or/Not',
    {
      And: [
        { Or: [v('NumericEquals', 1), v('NumericEquals', 2)] },
        { Not: { Variable: '$.flag', BooleanEquals: true } },
      ],
    },
    { v: 2, flag: false },
    true,
  ),
  rule('Variable with a context path', { Variable: '$$.State.Name', StringEquals: 'C' }, {}, true),
  {
    name: 'choice: first matching rule wins',
    definition: {
      StartAt: 'C',
      States: {
        C: {
          Type: 'Choice',
          Choices: [
            { Variable: '$.v', NumericGreaterThan: 0, Next: 'A' },
            { Variable: '$.v', NumericGreaterThan: 1, Next: 'B' },
          ],
        },
        A: { Type: 'Pass', Result: 'A', End: true },
        B: { Type: 'Pass', Result: 'B', End: true },
      },
    },
    input: { v: 5 },
    expect: { status: 'completed', output: 'A' },
  },
  {
    name: 'choice: no match and no Default is States.NoChoiceMatched',
    definition: {
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', Choices: [{ Variable: '$.v', NumericEquals: 1, Next: 'A' }] },
        A: { Type: 'Succeed' },
      },
    },
    input: { v: 2 },
    expect: { status: 'failed', error: 'States.NoChoiceMatched' },
  },
  {
    name: 'choice: a missing Variable is States.Runtime',
    definition: {
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', Choices: [{ Variable: '$.missing', NumericEquals: 1, Next: 'A' }], Default: 'A' },
        A: { Type: 'Succeed' },
      },
    },
    input: {},
    expect: { status: 'failed', error: 'States.Runtime' },
  },
  {
    name: 'choice: InputPath and OutputPath shape what the next state gets',
    definition: {
      StartAt: 'C',
      States: {
        C: {
          Type: 'Choice',
          InputPath: '$.in',
          OutputPath: '$.keep',
          Choices: [{ Variable: '$.v', NumericEquals: 1, Next: 'A' }],
        },
        A: { Type: 'Pass', End: true },
      },
    },
    input: { in: { v: 1, keep: { k: true } } },
    expect: { status: 'completed', output: { k: true } },
  },
  {
    name: 'choice: loops back until a condition holds',
    definition: {
      StartAt: 'Init',
      States: {
        Init: { Type: 'Pass', Result: 0, ResultPath: '$.n', Next: 'Inc' },
        Inc: { Type: 'Pass', Parameters: { 'n.$': 'States.MathAdd($.n, 1)' }, Next: 'Check' },
        Check: { Type: 'Choice', Choices: [{ Variable: '$.n', NumericLessThan: 3, Next: 'Inc' }], Default: 'Done' },
        Done: { Type: 'Succeed' },
      },
    },
    input: {},
    expect: { status: 'completed', output: { n: 3 } },
  },
];
