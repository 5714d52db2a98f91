import { type AslConformanceCase, chain, single } from '../asl-conformance-case.js';

const transform = (expression: string, extra: Record<string, unknown> = {}) => ({
  Type: 'Task',
  Resource: 'baton:data.transform',
  Parameters: { expression },
  ...extra,
});
const failWith = (error: string, extra: Record<string, unknown> = {}) => ({
  Type: 'Task',
  Resource: 'baton:flow.fail',
  Parameters: { error, cause: `${error} happened` },
  ...extra,
});
// Fails with `flaky` until the state's RetryCount reaches `n`, then outputs "ok after <n>".
const flaky = (n: number, extra: Record<string, unknown> = {}) =>
  transform(
    `$context.State.RetryCount < ${n} ? $error("flaky") : "ok after " & $string($context.State.RetryCount)`,
    extra,
  );
const catchTo = (errors: string[], extra: Record<string, unknown> = {}) => [
  { ErrorEquals: errors, Next: 'Caught', ...extra },
];
const withCatch = (task: Record<string, unknown>) => ({
  StartAt: 'T',
  States: { T: { ...task, End: true }, Caught: { Type: 'Pass', End: true } },
});

/** Task resources, Retry, Catch and timeouts. */
export const taskCases: AslConformanceCase[] = [
  {
    name: 'task: baton node gets the InputPath selection as data and Parameters as settings',
    definition: single(transform('a + b', { InputPath: '$.nums' })),
    input: { nums: { a: 2, b: 3 } },
    expect: { status: 'completed', output: 5 },
  },
  {
    name: 'task: without Parameters a node gets its defaults',
    definition: single({ Type: 'Task', Resource: 'baton:flow.fail' }),
    input: {},
    expect: { status: 'failed', error: 'WORKFLOW_FAILED', cause: 'Workflow stopped by a fail node' },
  },
  {
    name: 'task: ResultPath places the result beside the input',
    definition: single(transform('a * 2', { ResultPath: '$.doubled' })),
    input: { a: 21 },
    expect: { status: 'completed', output: { a: 21, doubled: 42 } },
  },
  {
    name: 'task: ResultSelector reshapes the result',
    definition: single(transform('{"x": 1, "y": 2}', { ResultSelector: { 'onlyY.$': '$.y' } })),
    input: {},
    expect: { status: 'completed', output: { onlyY: 2 } },
  },
  {
    name: 'task: ResultSelector then ResultPath then OutputPath',
    definition: single(
      transform('{"x": 1}', { ResultSelector: { 'v.$': '$.x' }, ResultPath: '$.res', OutputPath: '$.res.v' }),
    ),
    input: { keep: true },
    expect: { status: 'completed', output: 1 },
  },
  {
    name: 'task: Parameters .$ fields become node settings',
    definition: single({ Type: 'Task', Resource: 'baton:data.transform', Parameters: { 'expression.$': '$.expr' } }),
    input: { expr: '"computed"' },
    expect: { status: 'completed', output: 'computed' },
  },
  {
    name: 'task: the node error name fails the execution',
    definition: single(failWith('CustomError')),
    input: {},
    expect: { status: 'failed', error: 'CustomError', cause: 'CustomError happened' },
  },
  {
    name: 'catch: by exact error name, {Error, Cause} replaces the input',
    definition: withCatch(failWith('E1', { Catch: catchTo(['E1']) })),
    input: { a: 1 },
    expect: { status: 'completed', output: { Error: 'E1', Cause: 'E1 happened' } },
  },
  {
    name: 'catch: ResultPath keeps the input beside the error',
    definition: withCatch(failWith('E1', { Catch: catchTo(['E1'], { ResultPath: '$.error' }) })),
    input: { a: 1 },
    expect: { status: 'completed', output: { a: 1, error: { Error: 'E1', Cause: 'E1 happened' } } },
  },
  {
    name: 'catch: ResultPath null keeps only the input',
    definition: withCatch(failWith('E1', { Catch: catchTo(['E1'], { ResultPath: null }) })),
    input: { a: 1 },
    expect: { status: 'completed', output: { a: 1 } },
  },
  {
    name: 'catch: States.ALL catches any name',
    definition: withCatch(failWith('Whatever', { Catch: catchTo(['States.ALL']) })),
    input: {},
    expect: { status: 'completed', output: { Error: 'Whatever', Cause: 'Whatever happened' } },
  },
  {
    name: 'catch: States.TaskFailed catches a task error',
    definition: withCatch(failWith('Boom', { Catch: catchTo(['States.TaskFailed']) })),
    input: {},
    expect: { status: 'completed', output: { Error: 'Boom', Cause: 'Boom happened' } },
  },
  {
    name: 'catch: a non-matching catcher lets the failure through',
    definition: withCatch(failWith('E2', { Catch: catchTo(['E1']) })),
    input: {},
    expect: { status: 'failed', error: 'E2', cause: 'E2 happened' },
  },
  {
    name: 'catch: the first matching catcher wins',
    definition: {
      StartAt: 'T',
      States: {
        T: failWith('E1', {
          Catch: [
            { ErrorEquals: ['E1'], Next: 'A' },
            { ErrorEquals: ['States.ALL'], Next: 'B' },
          ],
          End: true,
        }),
        A: { Type: 'Pass', Result: 'A', End: true },
        B: { Type: 'Pass', Result: 'B', End: true },
      },
    },
    input: {},
    expect: { status: 'completed', output: 'A' },
  },
  {
    name: 'catch: States.Runtime is never caught, even by States.ALL',
    definition: withCatch(transform('1', { InputPath: '$.missing', Catch: catchTo(['States.ALL']) })),
    input: {},
    expect: { status: 'failed', error: 'States.Runtime' },
  },
  {
    name: 'catch: ResultPathMatchFailure can be caught',
    definition: withCatch(
      transform('1', {
        ResultPath: '$.a.b',
        Catch: catchTo(['States.ResultPathMatchFailure'], { ResultPath: '$.err' }),
      }),
    ),
    input: { a: 'scalar' },
    expect: {
      status: 'completed',
      output: {
        a: 'scalar',
        err: {
          Error: 'States.ResultPathMatchFailure',
          Cause: 'Unable to apply ResultPath \'$.a.b\' to input {"a":"scalar"}',
        },
      },
    },
  },
  {
    name: 'catch: intrinsic failures are States.IntrinsicFailure',
    definition: withCatch(
      transform('1', {
        Parameters: { 'expression.$': 'States.ArrayGetItem($.a, 3)' },
        Catch: catchTo(['States.IntrinsicFailure'], { ResultPath: null }),
      }),
    ),
    input: { a: [] },
    expect: { status: 'completed', output: { a: [] } },
  },
  {
    name: 'retry: succeeds on the third attempt',
    definition: single(
      flaky(2, { Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 1 }] }),
    ),
    input: {},
    expect: { status: 'completed', output: 'ok after 2' },
  },
  {
    name: 'retry: default MaxAttempts is 3',
    definition: single(flaky(3, { Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 1, BackoffRate: 1 }] })),
    input: {},
    expect: { status: 'completed', output: 'ok after 3' },
  },
  {
    name: 'retry: fails once MaxAttempts are spent',
    definition: single(
      flaky(3, { Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 1, MaxAttempts: 2, BackoffRate: 1 }] }),
    ),
    input: {},
    expect: { status: 'failed', error: 'INVALID_EXPRESSION', causeContains: 'flaky' },
  },
  {
    name: 'retry: MaxAttempts 0 never retries',
    definition: single(flaky(1, { Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 0 }] })),
    input: {},
    expect: { status: 'failed', error: 'INVALID_EXPRESSION' },
  },
  {
    name: 'retry: the first matching retrier decides, later ones are not consulted',
    definition: single(
      flaky(1, {
        Retry: [
          { ErrorEquals: ['INVALID_EXPRESSION'], MaxAttempts: 0 },
          { ErrorEquals: ['States.ALL'], MaxAttempts: 5, IntervalSeconds: 1 },
        ],
      }),
    ),
    input: {},
    expect: { status: 'failed', error: 'INVALID_EXPRESSION' },
  },
  {
    name: 'retry: a non-matching retrier does not retry',
    definition: single(flaky(1, { Retry: [{ ErrorEquals: ['Other'], MaxAttempts: 5 }] })),
    input: {},
    expect: { status: 'failed', error: 'INVALID_EXPRESSION' },
  },
  {
    name: 'retry: each retrier counts its own attempts',
    definition: single(
      failWith('', {
        Parameters: { 'error.$': "States.Format('E{}', $$.State.RetryCount)", cause: 'c' },
        Retry: [
          { ErrorEquals: ['E0'], MaxAttempts: 1, IntervalSeconds: 1 },
          { ErrorEquals: ['E1'], MaxAttempts: 1, IntervalSeconds: 1 },
          { ErrorEquals: ['E2'], MaxAttempts: 1, IntervalSeconds: 1 },
        ],
      }),
    ),
    input: {},
    expect: { status: 'failed', error: 'E3', cause: 'c' },
  },
  {
    name: 'retry: a spent retrier stays spent for errors it matches',
    definition: single(
      failWith('', {
        Parameters: { 'error.$': "States.Format('E{}', $$.State.RetryCount)", cause: 'c' },
        Retry: [
          { ErrorEquals: ['E0', 'E1'], MaxAttempts: 1, IntervalSeconds: 1 },
          { ErrorEquals: ['States.ALL'], MaxAttempts: 5, IntervalSeconds: 1 },
        ],
      }),
    ),
    input: {},
    expect: { status: 'failed', error: 'E1', cause: 'c' },
  },
  {
    name: 'retry then catch: the catcher gets the last error',
    definition: withCatch(
      flaky(5, {
        Retry: [
          {
            ErrorEquals: ['States.ALL'],
            MaxAttempts: 2,
            IntervalSeconds: 1,
            BackoffRate: 1.5,
            MaxDelaySeconds: 2,
            JitterStrategy: 'FULL',
          },
        ],
        Catch: catchTo(['States.ALL'], { ResultPath: '$.e' }),
      }),
    ),
    input: { x: 1 },
    expect: {
      status: 'completed',
      output: {
        x: 1,
        e: {
          Error: 'INVALID_EXPRESSION',
          Cause:
            'Expression "$context.State.RetryCount < 5 ? $error("flaky") : "ok after " & $string($context.State.RetryCount)" failed: flaky',
        },
      },
    },
  },
  {
    name: 'retry: counters reset when the state is entered again',
    definition: {
      StartAt: 'T',
      States: {
        T: {
          ...flaky(1),
          ResultPath: '$.last',
          Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 1, IntervalSeconds: 1 }],
          Next: 'Count',
        },
        Count: { Type: 'Pass', Parameters: { 'n.$': 'States.MathAdd($.n, 1)', 'last.$': '$.last' }, Next: 'Again' },
        Again: { Type: 'Choice', Choices: [{ Variable: '$.n', NumericLessThan: 3, Next: 'T' }], Default: 'Done' },
        Done: { Type: 'Succeed' },
      },
    },
    input: { n: 0 },
    expect: { status: 'completed', output: { n: 3, last: 'ok after 1' } },
  },
  {
    name: 'timeout: TimeoutSeconds fails a slow task with States.Timeout',
    definition: single({
      Type: 'Task',
      Resource: 'arn:aws:states:::http:invoke',
      Parameters: { ApiEndpoint: '{{STUB}}/slow/4000', Method: 'GET' },
      TimeoutSeconds: 1,
    }),
    input: {},
    expect: { status: 'failed', error: 'States.Timeout' },
    needs: 'http',
  },
  {
    name: 'timeout: States.TaskFailed does not catch States.Timeout',
    definition: withCatch({
      Type: 'Task',
      Resource: 'arn:aws:states:::http:invoke',
      Parameters: { ApiEndpoint: '{{STUB}}/slow/4000', Method: 'GET' },
      TimeoutSeconds: 1,
      Catch: catchTo(['States.TaskFailed']),
    }),
    input: {},
    expect: { status: 'failed', error: 'States.Timeout' },
    needs: 'http',
  },
  {
    name: 'timeout: States.Timeout can be caught',
    definition: withCatch({
      Type: 'Task',
      Resource: 'arn:aws:states:::http:invoke',
      Parameters: { ApiEndpoint: '{{STUB}}/slow/4000', Method: 'GET' },
      TimeoutSecondsPath: '$.t',
      Catch: catchTo(['States.Timeout'], { ResultPath: '$.err' }),
    }),
    input: { t: 1 },
    expect: {
      status: 'completed',
      output: { t: 1, err: { Error: 'States.Timeout', Cause: 'Node "T" timed out after 1000 ms' } },
    },
    needs: 'http',
  },
  {
    name: 'timeout: the machine TimeoutSeconds fails the execution with States.Timeout',
    definition: { TimeoutSeconds: 1, ...chain(['W', { Type: 'Wait', Seconds: 30 }], ['P', { Type: 'Pass' }]) },
    input: {},
    expect: { status: 'failed', error: 'States.Timeout' },
  },
  {
    name: 'http:invoke: sends method, query, headers and body; returns the response',
    definition: single({
      Type: 'Task',
      Resource: 'arn:aws:states:::http:invoke',
      Parameters: {
        ApiEndpoint: '{{STUB}}/echo',
        Method: 'POST',
        QueryParameters: { 'q.$': '$.q' },
        Headers: { 'x-test': 'h1' },
        'RequestBody.$': '$.body',
      },
      ResultSelector: { 'status.$': '$.StatusCode', 'echo.$': '$.ResponseBody' },
    }),
    input: { q: 'term', body: { n: 1 } },
    expect: {
      status: 'completed',
      output: {
        status: 200,
        echo: { method: 'POST', path: '/echo', query: { q: 'term' }, body: { n: 1 }, header: 'h1' },
      },
    },
    needs: 'http',
  },
  {
    name: 'http:invoke: a 404 fails with States.Http.StatusCode.404',
    definition: withCatch({
      Type: 'Task',
      Resource: 'arn:aws:states:::http:invoke',
      Parameters: { ApiEndpoint: '{{STUB}}/status/404', Method: 'GET' },
      Catch: [{ ErrorEquals: ['States.Http.StatusCode.404'], Next: 'Caught', ResultPath: '$.e' }],
      ResultSelector: { 'unused.$': '$' },
    }),
    input: {},
    expect: {
      status: 'completed',
      output: { e: { Error: 'States.Http.StatusCode.404', Cause: '{"StatusCode":404,"ResponseBody":{"status":404}}' } },
    },
    needs: 'http',
  },
  {
    name: 'http:invoke: a 500 fails the execution',
    definition: single({
      Type: 'Task',
      Resource: 'arn:aws:states:::http:invoke',
      Parameters: { ApiEndpoint: '{{STUB}}/status/500', Method: 'GET' },
    }),
    input: {},
    expect: { status: 'failed', error: 'States.Http.StatusCode.500' },
    needs: 'http',
  },
];
