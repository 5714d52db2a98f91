import { type AslConformanceCase, chain } from '../asl-conformance-case.js';

const transform = (expression: string, extra: Record<string, unknown> = {}) => ({
  Type: 'Task',
  Resource: 'baton:data.transform',
  Parameters: { expression },
  ...extra,
});
/** A Pass state whose output is the given payload template (read variables with `name.$`). */
const show = (parameters: Record<string, unknown>) => ({ Type: 'Pass', Parameters: parameters });

/**
 * `Assign` and `$name` variables in JSONPath states (AWS, 2024): assignments take effect when the
 * state ends and every reference in a state reads the values from its entry; `$` in Assign is the
 * result (Pass, Task, Map, Parallel; after ResultSelector), the effective input (Choice, Wait) or
 * the error output (a catcher). Branches and iterations read outer variables; what they assign
 * stays inside.
 */
export const variableCases: AslConformanceCase[] = [
  {
    name: 'variables: Pass assigns literals and paths, later states read $name and $name.field',
    definition: chain(
      ['A', { Type: 'Pass', Assign: { greeting: 'hi', 'user.$': '$.user', 'first.$': '$.list[0]' } }],
      ['B', { Type: 'Pass', Result: 'unrelated' }],
      ['C', show({ 'g.$': '$greeting', 'name.$': '$user.name', 'first.$': '$first', 'all.$': '$user' })],
    ),
    input: { user: { name: 'Ada', id: 7 }, list: [3, 4] },
    expect: {
      status: 'completed',
      output: { g: 'hi', name: 'Ada', first: 3, all: { name: 'Ada', id: 7 } },
    },
  },
  {
    name: 'variables: every Assign value reads the variables from the state entry (a swap)',
    definition: chain(
      ['A', { Type: 'Pass', Assign: { a: 1, b: 2 } }],
      ['B', { Type: 'Pass', Assign: { 'a.$': '$b', 'b.$': '$a' } }],
      ['C', show({ 'a.$': '$a', 'b.$': '$b' })],
    ),
    expect: { status: 'completed', output: { a: 2, b: 1 } },
  },
  {
    name: "variables: a state's own paths see the values from before its Assign",
    definition: chain(
      ['A', { Type: 'Pass', Assign: { n: 1 } }],
      ['B', { Type: 'Pass', Parameters: { 'seen.$': '$n' }, Assign: { n: 2 } }],
      ['C', { Type: 'Pass', Parameters: { 'before.$': '$.seen', 'after.$': '$n' } }],
    ),
    expect: { status: 'completed', output: { before: 1, after: 2 } },
  },
  {
    name: 'variables: Pass Assign reads its Result, not the output after ResultPath/OutputPath',
    definition: chain(
      ['A', { Type: 'Pass', Result: { v: 5 }, ResultPath: '$.r', OutputPath: '$.keep', Assign: { 'x.$': '$.v' } }],
      ['B', show({ 'x.$': '$x', 'out.$': '$' })],
    ),
    input: { keep: 'k' },
    expect: { status: 'completed', output: { x: 5, out: 'k' } },
  },
  {
    name: 'variables: Task Assign reads the result after ResultSelector, beside ResultPath',
    definition: chain(
      [
        'T',
        transform('{ "sum": a + b, "noise": true }', {
          ResultSelector: { 'total.$': '$.sum' },
          ResultPath: '$.r',
          Assign: { 'total.$': '$.total', 'all.$': '$' },
        }),
      ],
      ['B', show({ 'total.$': '$total', 'all.$': '$all', 'r.$': '$.r' })],
    ),
    input: { a: 2, b: 3 },
    expect: { status: 'completed', output: { total: 5, all: { total: 5 }, r: { total: 5 } } },
  },
  {
    name: 'variables: intrinsic functions and the Context object in Assign and as arguments',
    definition: chain(
      ['A', { Type: 'Pass', Assign: { 'name.$': '$$.State.Name', 'n.$': 'States.MathAdd($.n, 1)' } }],
      ['B', show({ 'text.$': "States.Format('{} {} {}', $name, $n, $.n)" })],
    ),
    input: { n: 41 },
    expect: { status: 'completed', output: { text: 'A 42 41' } },
  },
  {
    name: "variables: a Choice rule reads a variable, its Assign reads the state's effective input",
    definition: {
      StartAt: 'Init',
      States: {
        Init: { Type: 'Pass', Assign: { limit: 10 }, Next: 'C' },
        C: {
          Type: 'Choice',
          InputPath: '$.inner',
          Choices: [
            // Assign before the operator: the order jsonb gives the keys back in.
            { Assign: { 'picked.$': '$.n' }, Next: 'Big', Variable: '$.n', NumericGreaterThanPath: '$limit' },
          ],
          Default: 'Small',
          Assign: { picked: 'default' },
        },
        Big: { ...show({ size: 'big', 'picked.$': '$picked' }), End: true },
        Small: { ...show({ size: 'small', 'picked.$': '$picked' }), End: true },
      },
    },
    input: { inner: { n: 12 } },
    expect: { status: 'completed', output: { size: 'big', picked: 12 } },
  },
  {
    name: "variables: Choice without a matching rule takes the state's own Assign",
    definition: {
      StartAt: 'C',
      States: {
        C: {
          Type: 'Choice',
          Choices: [{ Variable: '$.n', NumericGreaterThan: 100, Next: 'Out', Assign: { picked: 'rule' } }],
          Default: 'Out',
          Assign: { picked: 'default' },
        },
        Out: { ...show({ 'picked.$': '$picked' }), End: true },
      },
    },
    input: { n: 1 },
    expect: { status: 'completed', output: { picked: 'default' } },
  },
  {
    name: 'variables: a loop counts with Assign and a Choice on the variable',
    definition: {
      StartAt: 'Init',
      States: {
        Init: { Type: 'Pass', Assign: { count: 0, seen: [] }, Next: 'Check' },
        Check: {
          Type: 'Choice',
          Choices: [{ Variable: '$count', NumericGreaterThanEquals: 3, Next: 'Done' }],
          Default: 'Step',
        },
        Step: {
          Type: 'Pass',
          Assign: { 'count.$': 'States.MathAdd($count, 1)', 'seen.$': 'States.Array($seen, $count)' },
          Next: 'Check',
        },
        Done: { ...show({ 'count.$': '$count', 'seen.$': '$seen' }), End: true },
      },
    },
    expect: { status: 'completed', output: { count: 3, seen: [[[[], 0], 1], 2] } },
  },
  {
    name: 'variables: Wait reads SecondsPath from a variable and assigns from its effective input',
    definition: chain(
      ['A', { Type: 'Pass', Assign: { delay: 0 } }],
      ['W', { Type: 'Wait', SecondsPath: '$delay', InputPath: '$.v', Assign: { 'waited.$': '$' } }],
      ['B', show({ 'waited.$': '$waited' })],
    ),
    input: { v: 'x' },
    expect: { status: 'completed', output: { waited: 'x' } },
  },
  {
    name: "variables: a catcher's Assign reads the error output",
    definition: {
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: 'baton:flow.fail',
          Parameters: { error: 'Boom', cause: 'it broke' },
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught', ResultPath: '$.e', Assign: { 'why.$': '$.Cause' } }],
          End: true,
        },
        Caught: { ...show({ 'why.$': '$why', 'error.$': '$.e.Error' }), End: true },
      },
    },
    expect: { status: 'completed', output: { why: 'it broke', error: 'Boom' } },
  },
  {
    name: 'variables: Map iterations read outer variables (ItemSelector and inside), their Assign stays inside',
    definition: chain(
      ['A', { Type: 'Pass', Assign: { factor: 10, tag: 'outer' } }],
      [
        'M',
        {
          Type: 'Map',
          ItemsPath: '$.items',
          ItemSelector: { 'v.$': '$$.Map.Item.Value', 'f.$': '$factor' },
          ItemProcessor: {
            StartAt: 'Inner',
            States: {
              Inner: { Type: 'Pass', Assign: { tag: 'inner' }, Next: 'Read' },
              Read: { Type: 'Pass', Parameters: { 'v.$': '$.v', 'f.$': '$.f', 'tag.$': '$tag' }, End: true },
            },
          },
          Assign: { 'count.$': 'States.ArrayLength($)' },
        },
      ],
      ['B', show({ 'results.$': '$', 'count.$': '$count', 'tag.$': '$tag' })],
    ),
    input: { items: [1, 2] },
    expect: {
      status: 'completed',
      output: {
        results: [
          { v: 1, f: 10, tag: 'inner' },
          { v: 2, f: 10, tag: 'inner' },
        ],
        count: 2,
        tag: 'outer',
      },
    },
  },
  {
    name: 'variables: Parallel branches read outer variables; the Parallel Assign reads the results',
    definition: chain(
      ['A', { Type: 'Pass', Assign: { base: 'b' } }],
      [
        'P',
        {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'L', States: { L: { Type: 'Pass', Parameters: { 'left.$': '$base' }, End: true } } },
            { StartAt: 'R', States: { R: { Type: 'Pass', Assign: { base: 'changed' }, Result: 'r', End: true } } },
          ],
          ResultSelector: { 'first.$': '$[0].left', 'second.$': '$[1]' },
          Assign: { 'both.$': '$' },
        },
      ],
      ['B', show({ 'both.$': '$both', 'base.$': '$base' })],
    ),
    expect: { status: 'completed', output: { both: { first: 'b', second: 'r' }, base: 'b' } },
  },
  {
    name: "variables: a callback task's Assign reads the answer (after ResultSelector)",
    definition: chain(
      [
        'T',
        {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
          Parameters: { FunctionName: 'remember', Payload: { 'token.$': '$$.Task.Token', 'key.$': '$$.Execution.Id' } },
          TimeoutSeconds: 60,
          ResultSelector: { 'doubled.$': 'States.MathAdd($.value, $.value)' },
          ResultPath: null,
          Assign: { 'answer.$': '$.doubled' },
        },
      ],
      ['B', show({ 'answer.$': '$answer', 'input.$': '$.keep' })],
    ),
    input: { keep: true },
    needs: 'callback',
    answers: [{ success: { value: 21 } }],
    expect: { status: 'completed', output: { answer: 42, input: true } },
  },
  {
    name: "jsonata: a callback task's Output and Assign read the answer as $states.result",
    definition: {
      QueryLanguage: 'JSONata',
      ...chain(
        [
          'T',
          {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
            Arguments: {
              FunctionName: 'remember',
              Payload: { token: '{% $states.context.Task.Token %}', key: '{% $states.context.Execution.Id %}' },
            },
            TimeoutSeconds: 60,
            Output: '{% $states.result.value * 2 %}',
            Assign: { got: '{% $states.result.value %}', input: '{% $states.input.keep %}' },
          },
        ],
        ['B', { Type: 'Pass', Output: '{% { "answer": $states.input, "got": $got, "input": $input } %}' }],
      ),
    },
    input: { keep: 'k' },
    needs: 'callback',
    answers: [{ success: { value: 21 } }],
    expect: { status: 'completed', output: { answer: 42, got: 21, input: 'k' } },
  },
  {
    name: "jsonata: an activity task's Output and Assign read the worker's answer",
    definition: {
      QueryLanguage: 'JSONata',
      ...chain(
        [
          'T',
          {
            Type: 'Task',
            Resource: 'arn:aws:states:us-east-1:123456789012:activity:{{ACTIVITY}}',
            Arguments: { n: '{% $states.input.n %}' },
            TimeoutSeconds: 60,
            Output: '{% { "echoed": $states.result.n } %}',
            Assign: { twice: '{% $states.result.n * 2 %}' },
          },
        ],
        ['B', { Type: 'Pass', Output: '{% $merge([$states.input, { "twice": $twice }]) %}' }],
      ),
    },
    input: { n: 4 },
    needs: 'activity',
    answers: [{ echoInput: true }],
    expect: { status: 'completed', output: { echoed: 4, twice: 8 } },
  },
  {
    name: 'variables: a variable assigned inside a Map is not visible after it',
    definition: chain(
      [
        'M',
        {
          Type: 'Map',
          ItemsPath: '$.items',
          ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass', Assign: { inner: 1 }, End: true } } },
        },
      ],
      ['B', show({ 'x.$': '$inner' })],
    ),
    input: { items: [1] },
    expect: { status: 'failed', error: 'States.Runtime', causeContains: 'no variable named "inner"' },
  },
  {
    name: 'variables: reading a variable nobody assigned fails with States.Runtime',
    definition: chain(['A', { Type: 'Pass', Assign: { a: 1 } }], ['B', show({ 'x.$': '$missing.field' })]),
    expect: { status: 'failed', error: 'States.Runtime', causeContains: 'missing' },
  },
];
