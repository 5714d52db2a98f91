import { type AslConformanceCase, chain, single } from '../asl-conformance-case.js';

/** A machine in the JSONata query language. */
const jsonata = (machine: Record<string, unknown>) => ({ QueryLanguage: 'JSONata', ...machine });
const fail = (error: string, extra: Record<string, unknown> = {}) => ({
  Type: 'Task',
  Resource: 'baton:flow.fail',
  Arguments: { error, cause: `${error} happened` },
  ...extra,
});
/** A one-state sub-machine (state names are unique in the whole machine, so not `S`). */
const inner = (state: Record<string, unknown>) => ({ StartAt: 'I', States: { I: { ...state, End: true } } });
const transform = (expression: string, extra: Record<string, unknown> = {}) => ({
  Type: 'Task',
  Resource: 'baton:data.transform',
  Arguments: { expression },
  ...extra,
});

/** QueryLanguage JSONata: `{% %}` fields, $states, Assign and workflow variables, QueryEvaluationError. */
export const jsonataCases: AslConformanceCase[] = [
  {
    name: 'jsonata: Pass Output evaluates {% %} over $states.input',
    definition: jsonata(single({ Type: 'Pass', Output: { sum: '{% $states.input.a + $states.input.b %}' } })),
    input: { a: 1, b: 2 },
    expect: { status: 'completed', output: { sum: 3 } },
  },
  {
    name: 'jsonata: Pass without Output passes its input',
    definition: jsonata(single({ Type: 'Pass' })),
    input: { a: 1 },
    expect: { status: 'completed', output: { a: 1 } },
  },
  {
    name: 'jsonata: expressions nest in objects and arrays, other strings are literal',
    definition: jsonata(
      single({ Type: 'Pass', Output: { list: ['{% 1 + 1 %}', 'plain $states', { deep: '{% $uppercase("x") %}' }] } }),
    ),
    input: {},
    expect: { status: 'completed', output: { list: [2, 'plain $states', { deep: 'X' }] } },
  },
  {
    name: 'jsonata: Output may be one expression giving any value',
    definition: jsonata(single({ Type: 'Pass', Output: '{% $states.input.items[price > 10].name %}' })),
    input: {
      items: [
        { name: 'a', price: 5 },
        { name: 'b', price: 20 },
        { name: 'c', price: 30 },
      ],
    },
    expect: { status: 'completed', output: ['b', 'c'] },
  },
  {
    name: 'jsonata: falsy Output values are values',
    definition: jsonata(
      chain(
        ['A', { Type: 'Pass', Output: { z: 0, f: false, e: '' } }],
        ['B', { Type: 'Pass', Output: '{% $states.input.f %}' }],
      ),
    ),
    input: {},
    expect: { status: 'completed', output: false },
  },
  {
    name: 'jsonata: Assign sets a variable later states read',
    definition: jsonata(
      chain(
        ['A', { Type: 'Pass', Assign: { count: '{% $states.input.n * 2 %}' } }],
        ['B', { Type: 'Pass', Output: '{% $count %}' }],
      ),
    ),
    input: { n: 5 },
    expect: { status: 'completed', output: 10 },
  },
  {
    name: 'jsonata: Assign values see the variables from before the state',
    definition: jsonata(
      chain(
        ['A', { Type: 'Pass', Assign: { x: 1 } }],
        ['B', { Type: 'Pass', Assign: { x: '{% $x + 1 %}', y: '{% $x %}' } }],
        ['C', { Type: 'Pass', Output: { x: '{% $x %}', y: '{% $y %}' } }],
      ),
    ),
    input: {},
    expect: { status: 'completed', output: { x: 2, y: 1 } },
  },
  {
    name: 'jsonata: Output sees the variables from before its own Assign',
    definition: jsonata(
      chain(['A', { Type: 'Pass', Assign: { v: 1 } }], ['B', { Type: 'Pass', Assign: { v: 2 }, Output: '{% $v %}' }]),
    ),
    input: {},
    expect: { status: 'completed', output: 1 },
  },
  {
    name: 'jsonata: variables survive states that do not assign',
    definition: jsonata(
      chain(
        ['A', { Type: 'Pass', Assign: { keep: 'me' } }],
        ['B', { Type: 'Pass', Output: { other: true } }],
        ['C', { Type: 'Pass', Output: '{% $keep %}' }],
      ),
    ),
    input: {},
    expect: { status: 'completed', output: 'me' },
  },
  {
    name: 'jsonata: Task Arguments are the node settings, the result is the default Output',
    definition: jsonata(single(transform('a * 10'))),
    input: { a: 4 },
    expect: { status: 'completed', output: 40 },
  },
  {
    name: 'jsonata: Task Arguments evaluate expressions',
    definition: jsonata(single(transform('{% "a + " & $string($states.input.b) %}'))),
    input: { a: 1, b: 2 },
    expect: { status: 'completed', output: 3 },
  },
  {
    name: 'jsonata: Task Output sees $states.input and $states.result',
    definition: jsonata(
      single(transform('a * 10', { Output: { in: '{% $states.input.a %}', out: '{% $states.result %}' } })),
    ),
    input: { a: 4 },
    expect: { status: 'completed', output: { in: 4, out: 40 } },
  },
  {
    name: 'jsonata: Task Assign from $states.result',
    definition: jsonata(
      chain(
        ['T', transform('a + 1', { Assign: { got: '{% $states.result %}' }, Output: '{% $states.input %}' })],
        ['B', { Type: 'Pass', Output: { input: '{% $states.input %}', got: '{% $got %}' } }],
      ),
    ),
    input: { a: 1 },
    expect: { status: 'completed', output: { input: { a: 1 }, got: 2 } },
  },
  {
    name: 'jsonata: $states.context is the Context object',
    definition: jsonata(
      single({
        Type: 'Pass',
        Output: { state: '{% $states.context.State.Name %}', input: '{% $states.context.Execution.Input.a %}' },
      }),
    ),
    input: { a: 7 },
    expect: { status: 'completed', output: { state: 'S', input: 7 } },
  },
  {
    name: 'jsonata: Choice Condition picks the first true rule',
    definition: jsonata({
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', Choices: [{ Condition: '{% $states.input.n > 5 %}', Next: 'Big' }], Default: 'Small' },
        Big: { Type: 'Pass', Output: 'big', End: true },
        Small: { Type: 'Pass', Output: 'small', End: true },
      },
    }),
    input: { n: 7 },
    expect: { status: 'completed', output: 'big' },
  },
  {
    name: 'jsonata: Choice falls to Default',
    definition: jsonata({
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', Choices: [{ Condition: '{% $states.input.n > 5 %}', Next: 'Big' }], Default: 'Small' },
        Big: { Type: 'Pass', Output: 'big', End: true },
        Small: { Type: 'Pass', Output: 'small', End: true },
      },
    }),
    input: { n: 1 },
    expect: { status: 'completed', output: 'small' },
  },
  {
    name: 'jsonata: a Choice rule has its own Output and Assign',
    definition: jsonata({
      StartAt: 'C',
      States: {
        C: {
          Type: 'Choice',
          Choices: [
            {
              Condition: '{% $states.input.n = 1 %}',
              Next: 'D',
              Output: { picked: '{% $states.input.n %}' },
              Assign: { route: 'first' },
            },
          ],
          Default: 'D',
        },
        D: { Type: 'Pass', Output: { route: '{% $route %}', picked: '{% $states.input.picked %}' }, End: true },
      },
    }),
    input: { n: 1 },
    expect: { status: 'completed', output: { route: 'first', picked: 1 } },
  },
  {
    name: 'jsonata: a Choice Condition reads workflow variables',
    definition: jsonata({
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Assign: { limit: 3 }, Next: 'C' },
        C: {
          Type: 'Choice',
          Choices: [{ Condition: '{% $states.input.n > $limit %}', Next: 'Over' }],
          Default: 'Under',
        },
        Over: { Type: 'Pass', Output: 'over', End: true },
        Under: { Type: 'Pass', Output: 'under', End: true },
      },
    }),
    input: { n: 4 },
    expect: { status: 'completed', output: 'over' },
  },
  {
    name: 'jsonata: no true Condition and no Default is States.NoChoiceMatched',
    definition: jsonata({
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', Choices: [{ Condition: '{% false %}', Next: 'A' }] },
        A: { Type: 'Pass', End: true },
      },
    }),
    input: {},
    expect: { status: 'failed', error: 'States.NoChoiceMatched' },
  },
  {
    name: 'jsonata: a Condition that is not a boolean is States.QueryEvaluationError',
    definition: jsonata({
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', Choices: [{ Condition: '{% "yes" %}', Next: 'A' }] },
        A: { Type: 'Pass', End: true },
      },
    }),
    input: {},
    expect: { status: 'failed', error: 'States.QueryEvaluationError' },
  },
  {
    name: 'jsonata: a failing expression is States.QueryEvaluationError',
    definition: jsonata(single({ Type: 'Pass', Output: '{% $error("boom") %}' })),
    input: {},
    expect: { status: 'failed', error: 'States.QueryEvaluationError', causeContains: 'boom' },
  },
  {
    name: 'jsonata: Fail Error and Cause may be expressions',
    definition: jsonata(
      single({ Type: 'Fail', Error: '{% "E_" & $string($states.input.code) %}', Cause: '{% $states.input.msg %}' }),
    ),
    input: { code: 42, msg: 'went wrong' },
    expect: { status: 'failed', error: 'E_42', cause: 'went wrong' },
  },
  {
    name: 'jsonata: Catch Output sees $states.errorOutput and $states.input',
    definition: jsonata({
      StartAt: 'T',
      States: {
        T: fail('Oops', {
          Catch: [
            {
              ErrorEquals: ['Oops'],
              Next: 'H',
              Output: {
                err: '{% $states.errorOutput.Error %}',
                cause: '{% $states.errorOutput.Cause %}',
                was: '{% $states.input.a %}',
              },
            },
          ],
          End: true,
        }),
        H: { Type: 'Pass', End: true },
      },
    }),
    input: { a: 1 },
    expect: { status: 'completed', output: { err: 'Oops', cause: 'Oops happened', was: 1 } },
  },
  {
    name: 'jsonata: Catch without Output passes the error output',
    definition: jsonata({
      StartAt: 'T',
      States: {
        T: fail('Oops', { Catch: [{ ErrorEquals: ['States.ALL'], Next: 'H' }], End: true }),
        H: { Type: 'Pass', End: true },
      },
    }),
    input: { a: 1 },
    expect: { status: 'completed', output: { Error: 'Oops', Cause: 'Oops happened' } },
  },
  {
    name: 'jsonata: Catch Assign sets variables for the handler',
    definition: jsonata({
      StartAt: 'T',
      States: {
        T: fail('Oops', {
          Catch: [
            {
              ErrorEquals: ['States.ALL'],
              Next: 'H',
              Assign: { failed: '{% $states.errorOutput.Error %}' },
              Output: '{% $states.input %}',
            },
          ],
          End: true,
        }),
        H: { Type: 'Pass', Output: { failed: '{% $failed %}', input: '{% $states.input %}' }, End: true },
      },
    }),
    input: { a: 1 },
    expect: { status: 'completed', output: { failed: 'Oops', input: { a: 1 } } },
  },
  {
    name: 'jsonata: States.QueryEvaluationError in Arguments can be caught',
    definition: jsonata({
      StartAt: 'T',
      States: {
        T: transform('{% $error("bad arguments") %}', {
          Catch: [
            { ErrorEquals: ['States.QueryEvaluationError'], Next: 'H', Output: '{% $states.errorOutput.Error %}' },
          ],
          End: true,
        }),
        H: { Type: 'Pass', End: true },
      },
    }),
    input: {},
    expect: { status: 'completed', output: 'States.QueryEvaluationError' },
  },
  {
    name: 'jsonata: Retry runs before the catcher whose Output is used',
    definition: jsonata({
      StartAt: 'T',
      States: {
        T: fail('X', {
          Retry: [{ ErrorEquals: ['X'], MaxAttempts: 1, IntervalSeconds: 1 }],
          Catch: [
            {
              ErrorEquals: ['X'],
              Next: 'H',
              Output: { error: '{% $states.errorOutput.Error %}', retries: '{% $states.context.State.RetryCount %}' },
            },
          ],
          End: true,
        }),
        H: { Type: 'Pass', End: true },
      },
    }),
    input: {},
    expect: { status: 'completed', output: { error: 'X', retries: 1 } },
  },
  {
    name: 'jsonata: a JSONata state in a JSONPath machine',
    definition: chain(
      ['A', { Type: 'Pass', QueryLanguage: 'JSONata', Output: { v: '{% $states.input.a * 3 %}' } }],
      ['B', { Type: 'Pass', Result: 'x', ResultPath: '$.r' }],
    ),
    input: { a: 2 },
    expect: { status: 'completed', output: { v: 6, r: 'x' } },
  },
  {
    name: 'jsonata: a JSONPath state in a JSONata machine',
    definition: jsonata(
      chain(
        ['A', { Type: 'Pass', Output: { a: '{% 5 %}' } }],
        ['B', { Type: 'Pass', QueryLanguage: 'JSONPath', Parameters: { 'b.$': '$.a' } }],
      ),
    ),
    input: {},
    expect: { status: 'completed', output: { b: 5 } },
  },
  {
    name: 'jsonata: Map Items and ItemSelector with $states.context.Map.Item',
    definition: jsonata(
      single({
        Type: 'Map',
        Items: '{% $states.input.nums %}',
        ItemSelector: { v: '{% $states.context.Map.Item.Value * 2 %}', i: '{% $states.context.Map.Item.Index %}' },
        ItemProcessor: inner({ Type: 'Pass', Output: '{% $states.input.v + $states.input.i %}' }),
      }),
    ),
    input: { nums: [1, 2, 3] },
    expect: { status: 'completed', output: [2, 5, 8] },
  },
  {
    name: 'jsonata: Map iterations read outer variables and their Assign stays inside',
    definition: jsonata(
      chain(
        ['A', { Type: 'Pass', Assign: { offset: 100 } }],
        [
          'M',
          {
            Type: 'Map',
            Items: '{% $states.input.nums %}',
            ItemProcessor: chain(
              ['In', { Type: 'Pass', Assign: { offset: 1 }, Output: '{% $states.input + $offset %}' }],
              ['Again', { Type: 'Pass', Output: '{% $states.input + $offset %}' }],
            ),
          },
        ],
        ['B', { Type: 'Pass', Output: { results: '{% $states.input %}', offset: '{% $offset %}' } }],
      ),
    ),
    input: { nums: [1, 2] },
    expect: { status: 'completed', output: { results: [102, 103], offset: 100 } },
  },
  {
    name: 'jsonata: Map Items that is not an array is States.QueryEvaluationError',
    definition: jsonata(
      single({ Type: 'Map', Items: '{% $states.input.n %}', ItemProcessor: inner({ Type: 'Pass' }) }),
    ),
    input: { n: 1 },
    expect: { status: 'failed', error: 'States.QueryEvaluationError' },
  },
  {
    name: 'jsonata: Parallel Arguments are every branch input',
    definition: jsonata(
      single({
        Type: 'Parallel',
        Arguments: { x: '{% $states.input.a + 1 %}' },
        Branches: [
          inner({ Type: 'Pass', Output: '{% $states.input.x %}' }),
          { StartAt: 'J', States: { J: { Type: 'Pass', Output: '{% $states.input.x * 10 %}', End: true } } },
        ],
      }),
    ),
    input: { a: 1 },
    expect: { status: 'completed', output: [2, 20] },
  },
  {
    name: 'jsonata: Wait Seconds may be an expression',
    definition: jsonata(
      chain(['W', { Type: 'Wait', Seconds: '{% $states.input.s %}' }], ['B', { Type: 'Pass', Output: 'waited' }]),
    ),
    input: { s: 1 },
    expect: { status: 'completed', output: 'waited' },
  },
  {
    name: 'jsonata: Wait Timestamp may be an expression',
    definition: jsonata(single({ Type: 'Wait', Timestamp: '{% $states.input.t %}' })),
    input: { t: '2020-01-01T00:00:00Z' },
    expect: { status: 'completed', output: { t: '2020-01-01T00:00:00Z' } },
  },
  {
    name: 'jsonata: a Wait Seconds expression that is not a number fails',
    definition: jsonata(single({ Type: 'Wait', Seconds: '{% "soon" %}' })),
    input: {},
    expect: { status: 'failed', error: 'States.QueryEvaluationError' },
  },
  {
    name: 'jsonata: Task TimeoutSeconds may be an expression',
    definition: jsonata(single(transform('a', { TimeoutSeconds: '{% $states.input.limit %}' }))),
    input: { a: 'ok', limit: 30 },
    expect: { status: 'completed', output: 'ok' },
  },
  {
    name: 'jsonata: Succeed Output shapes the execution output',
    definition: jsonata(single({ Type: 'Succeed', Output: { done: '{% $states.input.a %}' } })),
    input: { a: 'yes' },
    expect: { status: 'completed', output: { done: 'yes' } },
  },
  {
    name: 'jsonata: Map Output and Assign see the results as $states.result',
    definition: jsonata(
      chain(
        [
          'M',
          {
            Type: 'Map',
            Items: '{% $states.input.nums %}',
            ItemProcessor: inner({ Type: 'Pass', Output: '{% $states.input * $states.input %}' }),
            Assign: { total: '{% $sum($states.result) %}' },
            Output: { squares: '{% $states.result %}', n: '{% $count($states.input.nums) %}' },
          },
        ],
        [
          'B',
          {
            Type: 'Pass',
            Output: { total: '{% $total %}', squares: '{% $states.input.squares %}', n: '{% $states.input.n %}' },
          },
        ],
      ),
    ),
    input: { nums: [1, 2, 3] },
    expect: { status: 'completed', output: { total: 14, squares: [1, 4, 9], n: 3 } },
  },
  {
    name: 'jsonata: Parallel Output picks from the branch results',
    definition: jsonata(
      single({
        Type: 'Parallel',
        Branches: [
          inner({ Type: 'Pass', Output: 'a' }),
          { StartAt: 'J', States: { J: { Type: 'Pass', Output: 'b', End: true } } },
        ],
        Output: '{% $join($states.result, "+") %}',
      }),
    ),
    input: {},
    expect: { status: 'completed', output: 'a+b' },
  },
  {
    name: 'jsonata: a Map Output expression that fails is States.QueryEvaluationError',
    definition: jsonata(
      single({ Type: 'Map', Items: '{% [1] %}', ItemProcessor: inner({ Type: 'Pass' }), Output: '{% $error("no") %}' }),
    ),
    input: {},
    expect: { status: 'failed', error: 'States.QueryEvaluationError' },
  },
];
