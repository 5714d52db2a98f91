import { type AslConformanceCase, chain, single } from '../asl-conformance-case.js';

const START = 'arn:aws:states:::states:startExecution';
// The child adds its input's two numbers: a one-key output, so its JSON text is the same on every store.
const adder = single({
  Type: 'Pass',
  Parameters: { 'sum.$': 'States.MathAdd($.a, $.b)' },
});
const failing = single({ Type: 'Fail', Error: 'Child.Oops', Cause: 'the child gave up' });
const start = (resource: string, parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  Type: 'Task',
  Resource: resource,
  Parameters: parameters,
  ...extra,
});

/**
 * Nested executions (`states:startExecution`): each case's `children` are saved as workflows of
 * the workspace first, and `{{CHILD:key}}` / `{{CHILD_NAME:key}}` in the definition become the
 * child's `arn:baton:states:::workflow:<id>` or its name.
 */
export const nestedCases: AslConformanceCase[] = [
  {
    name: 'startExecution.sync: Output is the child output as a JSON string, Status SUCCEEDED',
    children: { adder },
    definition: single(
      start(
        `${START}.sync`,
        { StateMachineArn: '{{CHILD:adder}}', Input: { a: 2, b: 3 } },
        {
          ResultSelector: { 'Output.$': '$.Output', 'Status.$': '$.Status', 'Included.$': '$.OutputDetails.Included' },
        },
      ),
    ),
    expect: { status: 'completed', output: { Output: '{"sum":5}', Status: 'SUCCEEDED', Included: true } },
  },
  {
    name: 'startExecution.sync:2: Output and Input are JSON; the input names the parent execution',
    children: { adder },
    definition: chain(
      [
        'Run',
        start(`${START}.sync:2`, { StateMachineArn: '{{CHILD:adder}}', 'Input.$': '$' }, { ResultPath: '$.child' }),
      ],
      [
        'Linked',
        {
          Type: 'Choice',
          Choices: [
            {
              Variable: '$.child.Input.AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID',
              StringEqualsPath: '$$.Execution.Id',
              Next: 'Done',
            },
          ],
          Default: 'NotLinked',
        },
      ],
      ['NotLinked', { Type: 'Fail', Error: 'NotLinked' }],
      [
        'Done',
        { Type: 'Pass', Parameters: { 'sum.$': '$.child.Output.sum', 'status.$': '$.child.Status' }, End: true },
      ],
    ),
    input: { a: 40, b: 2 },
    expect: { status: 'completed', output: { sum: 42, status: 'SUCCEEDED' } },
  },
  {
    name: 'startExecution.sync: a StateMachineArn naming the workflow by its name, Input as a JSON string',
    children: { adder },
    definition: single(
      start(
        `${START}.sync:2`,
        { StateMachineArn: '{{CHILD_NAME:adder}}', Input: '{"a":1,"b":1}' },
        {
          OutputPath: '$.Output',
        },
      ),
    ),
    expect: { status: 'completed', output: { sum: 2 } },
  },
  {
    name: 'startExecution (no .sync): answers ExecutionArn and StartDate at once',
    children: { adder },
    definition: chain(
      ['Fire', start(START, { StateMachineArn: '{{CHILD:adder}}', Input: { a: 1, b: 2 } })],
      [
        'Check',
        {
          Type: 'Choice',
          Choices: [
            {
              And: [
                { Variable: '$.ExecutionArn', StringMatches: 'arn:baton:states:::execution:*' },
                { Variable: '$.StartDate', IsNumeric: true },
              ],
              Next: 'Ok',
            },
          ],
          Default: 'Bad',
        },
      ],
      ['Bad', { Type: 'Fail', Error: 'BadShape' }],
      ['Ok', { Type: 'Pass', Result: 'started', End: true }],
    ),
    expect: { status: 'completed', output: 'started' },
  },
  {
    name: "startExecution.sync: a failed child fails the task with States.TaskFailed, the child's error in the cause",
    children: { failing },
    definition: single(start(`${START}.sync`, { StateMachineArn: '{{CHILD:failing}}' })),
    expect: { status: 'failed', error: 'States.TaskFailed', causeContains: '"Error":"Child.Oops"' },
  },
  {
    name: 'startExecution.sync:2: Catch on States.TaskFailed handles a failed child',
    children: { failing },
    definition: {
      StartAt: 'Run',
      States: {
        Run: {
          ...start(`${START}.sync:2`, { StateMachineArn: '{{CHILD:failing}}' }),
          Catch: [{ ErrorEquals: ['States.TaskFailed'], Next: 'Caught', ResultPath: '$.failure' }],
          End: true,
        },
        Caught: { Type: 'Pass', Parameters: { 'error.$': '$.failure.Error' }, End: true },
      },
    },
    expect: { status: 'completed', output: { error: 'States.TaskFailed' } },
  },
  {
    name: 'startExecution: a StateMachineArn that names no workflow fails with the not-found error',
    definition: single(start(`${START}.sync`, { StateMachineArn: 'arn:baton:states:::workflow:no-such-workflow' })),
    expect: { status: 'failed', error: 'SUBWORKFLOW_NOT_FOUND' },
  },
];
