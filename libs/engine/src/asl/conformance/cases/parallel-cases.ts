import { type AslConformanceCase, single } from '../asl-conformance-case.js';

const branch = (state: Record<string, unknown>) => ({
  StartAt: 'B',
  States: { B: { ...state, ...(['Succeed', 'Fail'].includes(String(state.Type)) ? {} : { End: true }) } },
});
const named = (name: string, state: Record<string, unknown>) => ({
  StartAt: name,
  States: { [name]: { ...state, ...(['Succeed', 'Fail'].includes(String(state.Type)) ? {} : { End: true }) } },
});

/** Parallel states: branch outputs in branch order, data flow, failures, Retry/Catch. */
export const parallelCases: AslConformanceCase[] = [
  {
    name: 'parallel: outputs one result per branch, in branch order',
    definition: single({
      Type: 'Parallel',
      Branches: [
        named('A', { Type: 'Pass', Result: 'a' }),
        named('B', { Type: 'Pass', Result: 'b' }),
        named('C', { Type: 'Pass', Result: 'c' }),
      ],
    }),
    input: {},
    expect: { status: 'completed', output: ['a', 'b', 'c'] },
  },
  {
    name: 'parallel: every branch gets the effective input',
    definition: single({
      Type: 'Parallel',
      InputPath: '$.in',
      Parameters: { 'x.$': '$.x' },
      Branches: [named('A', { Type: 'Pass' }), named('B', { Type: 'Pass', OutputPath: '$.x' })],
    }),
    input: { in: { x: 7 } },
    expect: { status: 'completed', output: [{ x: 7 }, 7] },
  },
  {
    name: 'parallel: ResultSelector and ResultPath',
    definition: single({
      Type: 'Parallel',
      Branches: [named('A', { Type: 'Pass', Result: 1 }), named('B', { Type: 'Pass', Result: 2 })],
      ResultSelector: { 'first.$': '$[0]', 'second.$': '$[1]' },
      ResultPath: '$.results',
    }),
    input: { keep: true },
    expect: { status: 'completed', output: { keep: true, results: { first: 1, second: 2 } } },
  },
  {
    name: 'parallel: OutputPath',
    definition: single({
      Type: 'Parallel',
      Branches: [named('A', { Type: 'Pass', Result: 1 })],
      ResultPath: '$.r',
      OutputPath: '$.r[0]',
    }),
    input: {},
    expect: { status: 'completed', output: 1 },
  },
  {
    name: 'parallel: branches with several states and a Choice',
    definition: single({
      Type: 'Parallel',
      Branches: [
        {
          StartAt: 'A1',
          States: {
            A1: { Type: 'Pass', Result: 1, ResultPath: '$.a', Next: 'A2' },
            A2: { Type: 'Pass', Parameters: { 'sum.$': 'States.MathAdd($.a, 10)' }, End: true },
          },
        },
        {
          StartAt: 'B1',
          States: {
            B1: { Type: 'Choice', Choices: [{ Variable: '$.flag', BooleanEquals: true, Next: 'B2' }], Default: 'B3' },
            B2: { Type: 'Pass', Result: 'yes', End: true },
            B3: { Type: 'Pass', Result: 'no', End: true },
          },
        },
      ],
    }),
    input: { flag: true },
    expect: { status: 'completed', output: [{ sum: 11 }, 'yes'] },
  },
  {
    name: 'parallel: a Succeed state ends a branch',
    definition: single({ Type: 'Parallel', Branches: [named('A', { Type: 'Succeed' })] }),
    input: { v: 1 },
    expect: { status: 'completed', output: [{ v: 1 }] },
  },
  {
    name: 'parallel: a failing branch fails the state with the branch error',
    definition: single({
      Type: 'Parallel',
      Branches: [named('A', { Type: 'Pass' }), named('B', { Type: 'Fail', Error: 'BranchBroke', Cause: 'in B' })],
    }),
    input: {},
    expect: { status: 'failed', error: 'BranchBroke', cause: 'in B' },
  },
  {
    name: 'parallel: Catch on the Parallel state handles a branch failure',
    definition: {
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Branches: [named('A', { Type: 'Fail', Error: 'E', Cause: 'c' })],
          Catch: [{ ErrorEquals: ['E'], ResultPath: '$.err', Next: 'After' }],
          End: true,
        },
        After: { Type: 'Pass', End: true },
      },
    },
    input: { in: 1 },
    expect: { status: 'completed', output: { in: 1, err: { Error: 'E', Cause: 'c' } } },
  },
  {
    name: 'parallel: a Catch inside a branch keeps the branch going',
    definition: single({
      Type: 'Parallel',
      Branches: [
        {
          StartAt: 'T',
          States: {
            T: {
              Type: 'Task',
              Resource: 'baton:flow.fail',
              Parameters: { error: 'X', cause: 'y' },
              Catch: [{ ErrorEquals: ['States.ALL'], Next: 'R' }],
              End: true,
            },
            R: { Type: 'Pass', Result: 'recovered', End: true },
          },
        },
      ],
    }),
    input: {},
    expect: { status: 'completed', output: ['recovered'] },
  },
  {
    name: 'parallel: Retry on the Parallel state re-runs the branches',
    definition: single({
      Type: 'Parallel',
      Branches: [named('F', { Type: 'Fail', Error: 'Again' })],
      Retry: [{ ErrorEquals: ['Again'], MaxAttempts: 2, IntervalSeconds: 1 }],
    }),
    input: {},
    expect: { status: 'failed', error: 'Again' },
  },
  {
    name: 'parallel: nested Parallel',
    definition: single({
      Type: 'Parallel',
      Branches: [
        named('Inner', {
          Type: 'Parallel',
          Branches: [named('X', { Type: 'Pass', Result: 'x' }), named('Y', { Type: 'Pass', Result: 'y' })],
        }),
        named('Z', { Type: 'Pass', Result: 'z' }),
      ],
    }),
    input: {},
    expect: { status: 'completed', output: [['x', 'y'], 'z'] },
  },
  {
    name: 'parallel: $$.Execution.Input inside a branch is the execution input',
    definition: single({
      Type: 'Parallel',
      Parameters: { narrowed: true },
      Branches: [named('A', { Type: 'Pass', Parameters: { 'exec.$': '$$.Execution.Input' } })],
    }),
    input: { original: 1 },
    expect: { status: 'completed', output: [{ exec: { original: 1 } }] },
  },
  {
    name: 'parallel: a Task in a branch',
    definition: single({
      Type: 'Parallel',
      Branches: [branch({ Type: 'Task', Resource: 'baton:data.transform', Parameters: { expression: 'n * 3' } })],
    }),
    input: { n: 5 },
    expect: { status: 'completed', output: [15] },
  },
  {
    name: 'parallel: a Wait in a branch',
    definition: single({
      Type: 'Parallel',
      Branches: [branch({ Type: 'Wait', Seconds: 1 }), named('Q', { Type: 'Pass', Result: 'q' })],
    }),
    input: { w: 1 },
    expect: { status: 'completed', output: [{ w: 1 }, 'q'] },
  },
  {
    name: 'parallel: States.Runtime in a branch fails the execution despite a Catch',
    definition: {
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Branches: [named('A', { Type: 'Pass', InputPath: '$.missing' })],
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'After' }],
          End: true,
        },
        After: { Type: 'Pass', End: true },
      },
    },
    input: {},
    expect: { status: 'failed', error: 'States.Runtime' },
  },
];
