import { HTTP_INVOKE_RESOURCE } from './run-http-invoke.js';
import { parseStartExecutionResource, type StartExecutionResource } from './run-start-execution.js';

export const BATON_PREFIX = 'baton:';
export const LAMBDA_INVOKE_RESOURCE = 'arn:aws:states:::lambda:invoke';
const WAIT_FOR_TASK_TOKEN = '.waitForTaskToken';
const LAMBDA_ARN =
  /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:([A-Za-z0-9_-]{1,64})(?::([A-Za-z0-9$_-]{1,128}))?$/;
const ACTIVITY_ARN = /^arn:aws[a-z-]*:states:[a-z0-9-]*:[^:]*:activity:([A-Za-z0-9_.-]{1,80})$/;

/** What a Task's Resource names, and whether it parks for a task token (`.waitForTaskToken`). */
export type TaskResource =
  | { kind: 'baton'; resource: string; waitForTaskToken: boolean }
  | { kind: 'http'; resource: string; waitForTaskToken: boolean }
  | { kind: 'lambda-function'; functionName: string; qualifier: string | null; waitForTaskToken: boolean }
  | { kind: 'lambda-invoke'; waitForTaskToken: boolean }
  | { kind: 'activity'; activity: string; waitForTaskToken: false }
  | StartExecutionResource;

/** Parses a Task state's Resource URI, or returns null when Baton cannot run it. */
export function parseTaskResource(uri: string): TaskResource | null {
  const activity = ACTIVITY_ARN.exec(uri);
  if (activity) return { kind: 'activity', activity: activity[1], waitForTaskToken: false };
  const startExecution = parseStartExecutionResource(uri);
  if (startExecution) return startExecution;
  const waitForTaskToken = uri.endsWith(WAIT_FOR_TASK_TOKEN);
  const base = waitForTaskToken ? uri.slice(0, -WAIT_FOR_TASK_TOKEN.length) : uri;
  if (base.startsWith(BATON_PREFIX) && base.length > BATON_PREFIX.length)
    return { kind: 'baton', resource: base, waitForTaskToken };
  if (base === HTTP_INVOKE_RESOURCE) return { kind: 'http', resource: base, waitForTaskToken };
  if (base === LAMBDA_INVOKE_RESOURCE) return { kind: 'lambda-invoke', waitForTaskToken };
  const lambda = LAMBDA_ARN.exec(base);
  if (lambda)
    return { kind: 'lambda-function', functionName: lambda[1], qualifier: lambda[2] ?? null, waitForTaskToken };
  return null;
}

/** Whether a Task parks for an external answer (callbacks and activities). */
export function parksForToken(resource: TaskResource): boolean {
  return resource.waitForTaskToken || resource.kind === 'activity';
}
