import { type AslConformanceCase, single } from '../asl-conformance-case.js';

const processor = (state: Record<string, unknown>) => ({
  StartAt: 'I',
  States: { I: { ...state, ...(['Succeed', 'Fail', 'Choice'].includes(String(state.Type)) ? {} : { End: true }) } },
});
const map = (extra: Record<string, unknown>, inner: Record<string, unknown> = { Type: 'Pass' }) =>
  single({ Type: 'Map', ItemProcessor: processor(inner), ...extra });
const failOdd = { Type: 'Choice', Choices: [{ Variable: '$.odd', BooleanEquals: true, Next: 'Bad' }], Default: 'Good' };
const oddProcessor = {
  StartAt: 'I',
  States: { I: failOdd, Bad: { Type: 'Fail', Error: 'Odd', Cause: 'odd item' }, Good: { Type: 'Pass', End: true } },
};
const oddItems = (n: number, odd: number[]) => Array.from({ length: n }, (_, i) => ({ i, odd: odd.includes(i) }));

/** Inline Map states: items, selectors, concurrency, tolerated failures, Retry/Catch. */
export const mapCases: AslConformanceCase[] = [
  {
    name: 'map: runs the processor per item, results in item order',
    definition: map({}, { Type: 'Pass', Parameters: { 'doubled.$': 'States.MathAdd($.n, $.n)' } }),
    input: [{ n: 1 }, { n: 2 }, { n: 3 }],
    expect: { status: 'completed', output: [{ doubled: 2 }, { doubled: 4 }, { doubled: 6 }] },
  },
  {
    name: 'map: ItemsPath selects the array',
    definition: map({ ItemsPath: '$.items' }),
    input: { items: ['a', 'b'] },
    expect: { status: 'completed', output: ['a', 'b'] },
  },
  {
    name: 'map: an empty array gives []',
    definition: map({ ItemsPath: '$.items' }),
    input: { items: [] },
    expect: { status: 'completed', output: [] },
  },
  {
    name: 'map: ItemsPath that is not an array is States.Runtime',
    definition: map({ ItemsPath: '$.items' }),
    input: { items: 'abc' },
    expect: { status: 'failed', error: 'States.Runtime' },
  },
  {
    name: 'map: ItemSelector with $$.Map.Item.Index and Value',
    definition: map({
      ItemsPath: '$.items',
      ItemSelector: { 'index.$': '$$.Map.Item.Index', 'value.$': '$$.Map.Item.Value', 'shared.$': '$.shared' },
    }),
    input: { items: ['x', 'y'], shared: 1 },
    expect: {
      status: 'completed',
      output: [
        { index: 0, value: 'x', shared: 1 },
        { index: 1, value: 'y', shared: 1 },
      ],
    },
  },
  {
    name: 'map: legacy Iterator and Parameters',
    definition: single({
      Type: 'Map',
      ItemsPath: '$.items',
      Parameters: { 'v.$': '$$.Map.Item.Value' },
      Iterator: processor({ Type: 'Pass', OutputPath: '$.v' }),
    }),
    input: { items: [1, 2] },
    expect: { status: 'completed', output: [1, 2] },
  },
  {
    name: 'map: MaxConcurrency 1 keeps item order',
    definition: map(
      { MaxConcurrency: 1 },
      { Type: 'Task', Resource: 'baton:data.transform', Parameters: { expression: '$ * 10' } },
    ),
    input: [1, 2, 3, 4],
    expect: { status: 'completed', output: [10, 20, 30, 40] },
  },
  {
    name: 'map: MaxConcurrencyPath',
    definition: map({ ItemsPath: '$.items', MaxConcurrencyPath: '$.max' }),
    input: { items: [1, 2, 3], max: 2 },
    expect: { status: 'completed', output: [1, 2, 3] },
  },
  {
    name: 'map: ResultSelector, ResultPath and OutputPath',
    definition: map({
      ItemsPath: '$.items',
      ResultSelector: { 'count.$': 'States.ArrayLength($)' },
      ResultPath: '$.summary',
      OutputPath: '$.summary.count',
    }),
    input: { items: [1, 2, 3] },
    expect: { status: 'completed', output: 3 },
  },
  {
    name: 'map: ResultPath null keeps the input',
    definition: map({ ItemsPath: '$.items', ResultPath: null }),
    input: { items: [1] },
    expect: { status: 'completed', output: { items: [1] } },
  },
  {
    name: 'map: InputPath before ItemsPath',
    definition: map({ InputPath: '$.wrapper', ItemsPath: '$.items' }),
    input: { wrapper: { items: [9] } },
    expect: { status: 'completed', output: [9] },
  },
  {
    name: 'map: a failing iteration fails the Map with its error',
    definition: single({ Type: 'Map', ItemProcessor: oddProcessor }),
    input: oddItems(4, [2]),
    expect: { status: 'failed', error: 'Odd', cause: 'odd item' },
  },
  {
    name: 'map: Catch on the Map handles an iteration failure',
    definition: {
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          ItemsPath: '$.items',
          ItemProcessor: oddProcessor,
          Catch: [{ ErrorEquals: ['Odd'], ResultPath: '$.error', Next: 'After' }],
          End: true,
        },
        After: { Type: 'Pass', OutputPath: '$.error', End: true },
      },
    },
    input: { items: oddItems(3, [1]) },
    expect: { status: 'completed', output: { Error: 'Odd', Cause: 'odd item' } },
  },
  {
    name: 'map: ToleratedFailureCount lets failures through as {Error, Cause}',
    definition: single({ Type: 'Map', ToleratedFailureCount: 1, ItemProcessor: oddProcessor }),
    input: oddItems(3, [1]),
    expect: {
      status: 'completed',
      output: [
        { i: 0, odd: false },
        { Error: 'Odd', Cause: 'odd item' },
        { i: 2, odd: false },
      ],
    },
  },
  {
    name: 'map: more failures than ToleratedFailureCount is States.ExceedToleratedFailureThreshold',
    definition: single({ Type: 'Map', ToleratedFailureCount: 1, MaxConcurrency: 1, ItemProcessor: oddProcessor }),
    input: oddItems(4, [1, 3]),
    expect: { status: 'failed', error: 'States.ExceedToleratedFailureThreshold' },
  },
  {
    name: 'map: ToleratedFailurePercentage within the limit',
    definition: single({ Type: 'Map', ToleratedFailurePercentage: 50, ItemProcessor: oddProcessor }),
    input: oddItems(4, [1, 3]),
    expect: {
      status: 'completed',
      output: [
        { i: 0, odd: false },
        { Error: 'Odd', Cause: 'odd item' },
        { i: 2, odd: false },
        { Error: 'Odd', Cause: 'odd item' },
      ],
    },
  },
  {
    name: 'map: ToleratedFailurePercentage exceeded',
    definition: single({ Type: 'Map', ToleratedFailurePercentage: 25, MaxConcurrency: 1, ItemProcessor: oddProcessor }),
    input: oddItems(4, [1, 3]),
    expect: { status: 'failed', error: 'States.ExceedToleratedFailureThreshold' },
  },
  {
    name: 'map: ToleratedFailureCountPath',
    definition: single({
      Type: 'Map',
      ItemsPath: '$.items',
      ToleratedFailureCountPath: '$.tolerate',
      ItemProcessor: oddProcessor,
      OutputPath: '$[1].Error',
    }),
    input: { items: oddItems(2, [1]), tolerate: 1 },
    expect: { status: 'completed', output: 'Odd' },
  },
  {
    name: 'map: nested Map',
    definition: map(
      {},
      {
        Type: 'Map',
        ItemProcessor: { StartAt: 'Inner', States: { Inner: { Type: 'Pass', Parameters: { 'v.$': '$' }, End: true } } },
      },
    ),
    input: [[1, 2], [3]],
    expect: { status: 'completed', output: [[{ v: 1 }, { v: 2 }], [{ v: 3 }]] },
  },
  {
    name: 'map: Map inside a Parallel branch',
    definition: single({
      Type: 'Parallel',
      Branches: [
        {
          StartAt: 'M',
          States: { M: { Type: 'Map', ItemProcessor: processor({ Type: 'Pass', Result: 'it' }), End: true } },
        },
      ],
    }),
    input: [1, 2],
    expect: { status: 'completed', output: [['it', 'it']] },
  },
  {
    name: 'map: $$.Execution.Input inside an iteration',
    definition: map({ ItemsPath: '$.items' }, { Type: 'Pass', Parameters: { 'tag.$': '$$.Execution.Input.tag' } }),
    input: { items: [1, 2], tag: 't' },
    expect: { status: 'completed', output: [{ tag: 't' }, { tag: 't' }] },
  },
  {
    name: 'map: iterations with several states and a Wait',
    definition: single({
      Type: 'Map',
      ItemProcessor: {
        StartAt: 'W',
        States: {
          W: { Type: 'Wait', Seconds: 1, Next: 'P' },
          P: { Type: 'Pass', Parameters: { 'v.$': '$' }, End: true },
        },
      },
    }),
    input: [1, 2],
    expect: { status: 'completed', output: [{ v: 1 }, { v: 2 }] },
  },
  {
    name: 'map: Retry inside an iteration',
    definition: map(
      {},
      {
        Type: 'Task',
        Resource: 'baton:data.transform',
        Parameters: { expression: '$context.State.RetryCount < 1 ? $error("once") : $' },
        Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 1, MaxAttempts: 2 }],
      },
    ),
    input: ['a', 'b'],
    expect: { status: 'completed', output: ['a', 'b'] },
  },
  {
    name: 'map: 25 items with MaxConcurrency 5',
    definition: map(
      {
        ItemsPath: '$.items',
        MaxConcurrency: 5,
        ResultSelector: { 'n.$': 'States.ArrayLength($)', 'last.$': '$[24]' },
      },
      { Type: 'Pass', Parameters: { 'i.$': '$' } },
    ),
    input: { items: Array.from({ length: 25 }, (_, i) => i) },
    expect: { status: 'completed', output: { n: 25, last: { i: 24 } } },
  },
];
