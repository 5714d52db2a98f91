import type { ExecutionRecord } from '../execution/execution-record.js';
import type { ChildWait } from './external-wait.js';

/** How a child's end answers its parent step: an output, or an error code and cause. */
export type ChildResult = { ok: true; output: unknown } | { ok: false; error: string; cause: string };

/** The ARN a Step Functions client sees for a Baton execution or workflow. */
export const executionArnOf = (executionId: string) => `arn:baton:states:::execution:${executionId}`;
export const workflowArnOf = (workflowId: string | null) => `arn:baton:states:::workflow:${workflowId ?? 'inline'}`;

/**
 * The parent step's result once its child ended, in the shape the parent asked for:
 * `output` (flow.subworkflow) passes the child's output through and fails with the child's own
 * error code and cause; `aws.sync` / `aws.sync:2` answer DescribeExecution's fields as
 * `states:startExecution.sync` does (`.sync`: Input and Output as JSON strings; `.sync:2`: as
 * JSON), and a child that did not succeed fails the task with `States.TaskFailed`, its cause
 * being that description as JSON.
 */
export function childResultOf(child: ExecutionRecord, shape: ChildWait['shape']): ChildResult {
  const succeeded = child.status === 'completed';
  if (shape === 'output') {
    if (succeeded) return { ok: true, output: child.output };
    const error = child.error ?? (child.status === 'cancelled' ? 'CANCELLED' : 'SUBWORKFLOW_FAILED');
    return { ok: false, error, cause: child.cause ?? `Child execution ${child.id} ended ${child.status}` };
  }
  const parsed = shape === 'aws.sync:2';
  const data = (value: unknown) => (parsed ? (value ?? null) : JSON.stringify(value ?? null));
  const description: Record<string, unknown> = {
    ExecutionArn: executionArnOf(child.id),
    Input: data(child.input),
    InputDetails: { Included: true },
    Name: child.id,
    StartDate: (child.startedAt ?? child.createdAt).getTime(),
    StateMachineArn: workflowArnOf(child.workflowId),
    Status: succeeded ? 'SUCCEEDED' : child.status === 'cancelled' ? 'ABORTED' : 'FAILED',
    StopDate: (child.endedAt ?? child.createdAt).getTime(),
  };
  if (succeeded)
    return { ok: true, output: { ...description, Output: data(child.output), OutputDetails: { Included: true } } };
  if (child.error) description.Error = child.error;
  if (child.cause) description.Cause = child.cause;
  return { ok: false, error: 'States.TaskFailed', cause: JSON.stringify(description) };
}
