import { childExecutionsOf } from '../../engine/child-executions.js';
import { executionArnOf } from '../../engine/child-result.js';
import type { NodeContext } from '../../nodes/node-type.js';
import { AslError, STATES } from '../definition/asl.error.js';
import type { AslContextObject } from '../runtime/build-context-object.js';

export const START_EXECUTION_RESOURCE = 'arn:aws:states:::states:startExecution';
/** The key Step Functions' console uses to link a child to the execution that started it. */
export const STARTED_BY_KEY = 'AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID';

/** `states:startExecution`: fire and forget, `.sync` / `.sync:2` (wait for the child), or `.waitForTaskToken`. */
export interface StartExecutionResource {
  kind: 'start-execution';
  sync: 'none' | 'sync' | 'sync:2';
  waitForTaskToken: boolean;
}

const SUFFIXES: Record<string, Omit<StartExecutionResource, 'kind'>> = {
  '': { sync: 'none', waitForTaskToken: false },
  '.sync': { sync: 'sync', waitForTaskToken: false },
  '.sync:2': { sync: 'sync:2', waitForTaskToken: false },
  '.waitForTaskToken': { sync: 'none', waitForTaskToken: true },
};

export function parseStartExecutionResource(uri: string): StartExecutionResource | null {
  if (!uri.startsWith(START_EXECUTION_RESOURCE)) return null;
  const variant = SUFFIXES[uri.slice(START_EXECUTION_RESOURCE.length)];
  return variant ? { kind: 'start-execution', ...variant } : null;
}

// `arn:baton:states:::workflow:<id or name>[:<version>]`, or AWS's `…:stateMachine:<name>[:<version>]`.
const WORKFLOW_ARN = /^arn:[a-z-]+:[a-z-]*:[^:]*:[^:]*:(?:workflow|stateMachine):([^:]+)(?::(\d+))?$/;

/** The workflow and version a `StateMachineArn` names; a plain value is a workflow id or name. */
export function workflowRefOf(stateMachineArn: string): { workflow: string; version: number | 'latest' } {
  const match = WORKFLOW_ARN.exec(stateMachineArn);
  if (match) return { workflow: match[1], version: match[2] ? Number(match[2]) : 'latest' };
  if (stateMachineArn.startsWith('arn:'))
    throw new AslError(
      STATES.Runtime,
      `StateMachineArn "${stateMachineArn}" names no workflow (use arn:baton:states:::workflow:<id or name>)`,
    );
  return { workflow: stateMachineArn, version: 'latest' };
}

/**
 * Starts a Baton workflow as a child execution, as `states:startExecution` starts a state machine:
 * `Parameters: { StateMachineArn, Input, Name? }`. Without `.sync` the result is
 * `{ ExecutionArn, StartDate }`; with it the step parks until the child ends and gets
 * DescribeExecution's fields (`.sync:2`: Input and Output as JSON). An object input carries
 * `AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID` (the parent's `$$.Execution.Id`) unless it sets it.
 */
export async function runStartExecution(
  resource: StartExecutionResource,
  parameters: unknown,
  context: AslContextObject,
  ctx: NodeContext,
): Promise<unknown> {
  const p = (parameters ?? {}) as Record<string, unknown>;
  if (typeof p.StateMachineArn !== 'string' || !p.StateMachineArn)
    throw new AslError(
      STATES.Runtime,
      'states:startExecution needs Parameters.StateMachineArn (a workflow id, name or ARN)',
    );
  const input = inputOf(p.Input, context.Execution.Id);
  const wait = resource.sync !== 'none';
  const started = await childExecutionsOf(ctx).start(ctx, {
    ...workflowRefOf(p.StateMachineArn),
    input,
    wait,
    shape: resource.sync === 'sync:2' ? 'aws.sync:2' : 'aws.sync',
  });
  if (started.kind === 'parked') return started.wait;
  if (started.kind === 'ended') {
    if (!started.result.ok) throw new AslError(started.result.error, started.result.cause);
    return started.result.output;
  }
  return { ExecutionArn: executionArnOf(started.child.id), StartDate: started.child.createdAt.getTime() };
}

function inputOf(given: unknown, parentId: string): unknown {
  let input = given === undefined ? {} : given;
  if (typeof input === 'string') {
    try {
      input = JSON.parse(input);
    } catch {
      throw new AslError(STATES.Runtime, 'states:startExecution Input is a string that is not JSON');
    }
  }
  if (input && typeof input === 'object' && !Array.isArray(input) && !(STARTED_BY_KEY in input))
    return { ...input, [STARTED_BY_KEY]: parentId };
  return input;
}
