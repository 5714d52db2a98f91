import { type AslConformanceCase, chain, single } from '../asl-conformance-case.js';

const LAMBDA = 'arn:aws:lambda:us-east-1:123456789012:function';
const ACTIVITY = 'arn:aws:states:us-east-1:123456789012:activity:{{ACTIVITY}}';
const invoke = (parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke',
  Parameters: parameters,
  ...extra,
});
const fail = (errorType: string, errorMessage: string) => ({
  FunctionName: 'fail',
  Payload: { errorType, errorMessage },
});
const withCatch = (task: Record<string, unknown>) => ({
  StartAt: 'T',
  States: { T: { ...task, End: true }, Caught: { Type: 'Pass', End: true } },
});
// The callback shape of Step Functions: the token goes out in the payload, the answer is the result.
const callback = (extra: Record<string, unknown> = {}) => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
  Parameters: { FunctionName: 'remember', Payload: { 'token.$': '$$.Task.Token', 'key.$': '$$.Execution.Id' } },
  TimeoutSeconds: 60,
  ...extra,
});
const activity = (extra: Record<string, unknown> = {}) => ({
  Type: 'Task',
  Resource: ACTIVITY,
  TimeoutSeconds: 60,
  ...extra,
});

/** Lambda tasks, callbacks (`.waitForTaskToken`) and activities: Task states driven from outside. */
export const integrationCases: AslConformanceCase[] = [
  {
    name: 'lambda: a function ARN gets the effective input as its event and returns the result',
    definition: single({ Type: 'Task', Resource: `${LAMBDA}:add` }),
    input: { a: 2, b: 3 },
    expect: { status: 'completed', output: { sum: 5 } },
    needs: 'lambda',
  },
  {
    name: 'lambda: a function ARN with an alias invokes that qualifier',
    definition: single({ Type: 'Task', Resource: `${LAMBDA}:version:prod` }),
    input: {},
    expect: { status: 'completed', output: { version: 'prod' } },
    needs: 'lambda',
  },
  {
    name: 'lambda: Parameters and ResultPath around a function ARN',
    definition: single({
      Type: 'Task',
      Resource: `${LAMBDA}:add`,
      Parameters: { 'a.$': '$.x', b: 10 },
      ResultPath: '$.r',
    }),
    input: { x: 1 },
    expect: { status: 'completed', output: { x: 1, r: { sum: 11 } } },
    needs: 'lambda',
  },
  {
    name: 'lambda:invoke returns { Payload, StatusCode, ExecutedVersion, ... }',
    definition: single(
      invoke(
        { FunctionName: 'echo', 'Payload.$': '$' },
        {
          ResultSelector: {
            'Payload.$': '$.Payload',
            'StatusCode.$': '$.StatusCode',
            'ExecutedVersion.$': '$.ExecutedVersion',
            'HasMetadata.$': 'States.ArrayLength(States.Array($.SdkHttpMetadata, $.SdkResponseMetadata))',
          },
        },
      ),
    ),
    input: { n: 1 },
    expect: {
      status: 'completed',
      output: { Payload: { n: 1 }, StatusCode: 200, ExecutedVersion: '$LATEST', HasMetadata: 2 },
    },
    needs: 'lambda',
  },
  {
    name: 'lambda:invoke takes a full function ARN and a Qualifier',
    definition: single(invoke({ FunctionName: `${LAMBDA}:version`, Qualifier: '7' }, { OutputPath: '$.Payload' })),
    input: {},
    expect: { status: 'completed', output: { version: '7' } },
    needs: 'lambda',
  },
  {
    name: 'lambda:invoke takes name:alias',
    definition: single(invoke({ FunctionName: 'version:live' }, { OutputPath: '$.Payload' })),
    input: {},
    expect: { status: 'completed', output: { version: 'live' } },
    needs: 'lambda',
  },
  {
    name: 'lambda:invoke with InvocationType Event answers 202 and no payload',
    definition: single(
      invoke(
        { FunctionName: 'echo', InvocationType: 'Event', Payload: { a: 1 } },
        { ResultSelector: { 'StatusCode.$': '$.StatusCode', 'Payload.$': '$.Payload' } },
      ),
    ),
    input: {},
    expect: { status: 'completed', output: { StatusCode: 202, Payload: null } },
    needs: 'lambda',
  },
  {
    name: 'lambda: a function error fails with errorType as the name and errorMessage as the cause',
    definition: single(invoke(fail('ValidationError', 'amount must be positive'))),
    input: {},
    expect: { status: 'failed', error: 'ValidationError', cause: 'amount must be positive' },
    needs: 'lambda',
  },
  {
    name: 'lambda: a function ARN error fails the same way',
    definition: single({
      Type: 'Task',
      Resource: `${LAMBDA}:fail`,
      Parameters: { errorType: 'Oops', errorMessage: 'from arn' },
    }),
    input: {},
    expect: { status: 'failed', error: 'Oops', cause: 'from arn' },
    needs: 'lambda',
  },
  {
    name: 'lambda: a function error is caught by its errorType',
    definition: withCatch(
      invoke(fail('ValidationError', 'bad'), {
        Catch: [{ ErrorEquals: ['ValidationError'], Next: 'Caught', ResultPath: '$.e' }],
      }),
    ),
    input: { k: 1 },
    expect: { status: 'completed', output: { k: 1, e: { Error: 'ValidationError', Cause: 'bad' } } },
    needs: 'lambda',
  },
  {
    name: 'lambda: States.TaskFailed catches a function error',
    definition: withCatch(
      invoke(fail('Anything', 'x'), { Catch: [{ ErrorEquals: ['States.TaskFailed'], Next: 'Caught' }] }),
    ),
    input: {},
    expect: { status: 'completed', output: { Error: 'Anything', Cause: 'x' } },
    needs: 'lambda',
  },
  {
    name: 'lambda: a function error is retried by name, then fails',
    definition: single(
      invoke(fail('Flaky', 'again'), {
        Retry: [{ ErrorEquals: ['Flaky'], MaxAttempts: 2, IntervalSeconds: 1, BackoffRate: 1 }],
      }),
    ),
    input: {},
    expect: { status: 'failed', error: 'Flaky', cause: 'again' },
    needs: 'lambda',
  },
  {
    name: 'lambda: an unknown function is Lambda.ResourceNotFoundException',
    definition: single(invoke({ FunctionName: 'missing' })),
    input: {},
    expect: { status: 'failed', error: 'Lambda.ResourceNotFoundException', causeContains: 'Function not found' },
    needs: 'lambda',
  },
  {
    name: 'lambda: invocations inside a Map, one per item',
    definition: single({
      Type: 'Map',
      ItemProcessor: { StartAt: 'Add', States: { Add: { Type: 'Task', Resource: `${LAMBDA}:add`, End: true } } },
      ItemSelector: { 'a.$': '$$.Map.Item.Value', b: 100 },
    }),
    input: [1, 2, 3],
    expect: { status: 'completed', output: [{ sum: 101 }, { sum: 102 }, { sum: 103 }] },
    needs: 'lambda',
  },
  {
    name: 'callback: the answer is the task result, through ResultPath',
    definition: single(callback({ ResultPath: '$.approval' })),
    input: { order: 7 },
    answers: [{ success: { approved: true } }],
    expect: { status: 'completed', output: { order: 7, approval: { approved: true } } },
    needs: 'callback',
  },
  {
    name: 'callback: ResultSelector and OutputPath apply to the answer',
    definition: single(callback({ ResultSelector: { 'who.$': '$.by' }, ResultPath: '$.r', OutputPath: '$.r.who' })),
    input: {},
    answers: [{ success: { by: 'alice', at: 1 } }],
    expect: { status: 'completed', output: 'alice' },
    needs: 'callback',
  },
  {
    name: 'callback: a failure keeps its error and cause verbatim',
    definition: single(callback()),
    input: {},
    answers: [{ failure: { error: 'Rejected', cause: 'manager said no' } }],
    expect: { status: 'failed', error: 'Rejected', cause: 'manager said no' },
    needs: 'callback',
  },
  {
    name: 'callback: a failure is caught by its error name',
    definition: withCatch(callback({ Catch: [{ ErrorEquals: ['Rejected'], Next: 'Caught', ResultPath: '$.why' }] })),
    input: { id: 1 },
    answers: [{ failure: { error: 'Rejected', cause: 'no' } }],
    expect: { status: 'completed', output: { id: 1, why: { Error: 'Rejected', Cause: 'no' } } },
    needs: 'callback',
  },
  {
    name: 'callback: a retried failure asks again with a new token',
    definition: single(callback({ Retry: [{ ErrorEquals: ['Busy'], IntervalSeconds: 1, MaxAttempts: 2 }] })),
    input: {},
    answers: [{ failure: { error: 'Busy', cause: 'later' } }, { success: 'second token answered' }],
    expect: { status: 'completed', output: 'second token answered' },
    needs: 'callback',
  },
  {
    name: 'callback: no heartbeat within HeartbeatSeconds is States.HeartbeatTimeout',
    definition: single(callback({ HeartbeatSeconds: 1, TimeoutSeconds: 60 })),
    input: {},
    answers: [{ silence: true }],
    expect: { status: 'failed', error: 'States.HeartbeatTimeout' },
    needs: 'callback',
  },
  {
    name: 'callback: heartbeats keep the task alive until the answer',
    // 12 s of heartbeats every 2 s outlive an 8 s heartbeat window; 6 s of slack for a loaded CI
    // (a 5 s window was missed once on the embedded tier: the first heartbeat waits until the
    // test has found the task token).
    definition: single(callback({ HeartbeatSeconds: 8, TimeoutSeconds: 60 })),
    input: {},
    answers: [{ heartbeats: 6, everyMs: 2000, then: { success: 'kept alive' } }],
    expect: { status: 'completed', output: 'kept alive' },
    needs: 'callback',
  },
  {
    name: 'callback: HeartbeatSecondsPath reads the effective input',
    definition: single(callback({ HeartbeatSecondsPath: '$.hb', TimeoutSeconds: 60 })),
    input: { hb: 1 },
    answers: [{ silence: true }],
    expect: { status: 'failed', error: 'States.HeartbeatTimeout' },
    needs: 'callback',
  },
  {
    name: 'callback: States.TaskFailed catches States.HeartbeatTimeout',
    definition: withCatch(
      callback({
        HeartbeatSeconds: 1,
        Catch: [{ ErrorEquals: ['States.TaskFailed'], Next: 'Caught', ResultPath: '$.e' }],
      }),
    ),
    input: {},
    answers: [{ silence: true }],
    expect: {
      status: 'completed',
      output: { e: { Error: 'States.HeartbeatTimeout', Cause: 'No heartbeat for 1000 ms' } },
    },
    needs: 'callback',
  },
  {
    name: 'callback: no answer within TimeoutSeconds is States.Timeout',
    definition: single(callback({ TimeoutSeconds: 1 })),
    input: {},
    answers: [{ silence: true }],
    expect: { status: 'failed', error: 'States.Timeout' },
    needs: 'callback',
  },
  {
    name: 'callback: States.Timeout of a callback can be caught',
    definition: withCatch(
      callback({ TimeoutSeconds: 1, Catch: [{ ErrorEquals: ['States.Timeout'], Next: 'Caught', ResultPath: null }] }),
    ),
    input: { kept: true },
    answers: [{ silence: true }],
    expect: { status: 'completed', output: { kept: true } },
    needs: 'callback',
  },
  {
    name: 'activity: the worker gets the effective input and its output is the result',
    definition: single(activity({ Parameters: { 'job.$': '$.job', fixed: 1 } })),
    input: { job: 'resize' },
    answers: [{ echoInput: true }],
    expect: { status: 'completed', output: { job: 'resize', fixed: 1 } },
    needs: 'activity',
  },
  {
    name: 'activity: the worker answer goes through ResultPath',
    definition: chain(['A', activity({ ResultPath: '$.done' })], ['B', { Type: 'Pass', OutputPath: '$.done' }]),
    input: { x: 1 },
    answers: [{ success: { ok: 1 } }],
    expect: { status: 'completed', output: { ok: 1 } },
    needs: 'activity',
  },
  {
    name: 'activity: a worker failure keeps its error and cause',
    definition: single(activity()),
    input: {},
    answers: [{ failure: { error: 'Worker.Crashed', cause: 'disk full' } }],
    expect: { status: 'failed', error: 'Worker.Crashed', cause: 'disk full' },
    needs: 'activity',
  },
  {
    name: 'activity: a worker failure is retried, the next task succeeds',
    definition: single(activity({ Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 1, MaxAttempts: 1 }] })),
    input: {},
    answers: [{ failure: { error: 'Once', cause: '1' } }, { success: 'retried' }],
    expect: { status: 'completed', output: 'retried' },
    needs: 'activity',
  },
  {
    name: 'activity: tasks of a Map are polled and answered one by one',
    definition: single({
      Type: 'Map',
      MaxConcurrency: 2,
      ItemProcessor: { StartAt: 'Work', States: { Work: { ...activity(), End: true } } },
    }),
    input: [{ i: 0 }, { i: 1 }, { i: 2 }],
    answers: [{ echoInput: true }],
    expect: { status: 'completed', output: [{ i: 0 }, { i: 1 }, { i: 2 }] },
    needs: 'activity',
  },
  {
    name: 'activity: no worker within TimeoutSeconds is States.Timeout',
    definition: single(activity({ TimeoutSeconds: 1 })),
    input: {},
    answers: [{ silence: true }],
    expect: { status: 'failed', error: 'States.Timeout' },
    needs: 'activity',
  },
  {
    name: 'activity: a silent worker is States.HeartbeatTimeout',
    definition: single(activity({ HeartbeatSeconds: 1 })),
    input: {},
    answers: [{ silence: true }],
    expect: { status: 'failed', error: 'States.HeartbeatTimeout' },
    needs: 'activity',
  },
];
