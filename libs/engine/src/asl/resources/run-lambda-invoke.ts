import type { NodeContext } from '../../nodes/node-type.js';
import { AslError } from '../definition/asl.error.js';

/** One Lambda Invoke call: a function (name, partial or full ARN), optional alias/version, the event. */
export interface LambdaInvocation {
  functionName: string;
  qualifier: string | null;
  payload: unknown;
  invocationType: 'RequestResponse' | 'Event' | 'DryRun';
}

const FUNCTION_ARN =
  /^(?:arn:aws[a-z-]*:lambda:[a-z0-9-]+:)?(?:\d{12}:)?(?:function:)?([A-Za-z0-9_-]{1,64})(?::([A-Za-z0-9$_-]{1,128}))?$/;

/**
 * `arn:aws:states:::lambda:invoke`: Parameters `{ FunctionName, Payload, Qualifier, InvocationType }`
 * in, the optimized integration's `{ ExecutedVersion, Payload, StatusCode, SdkHttpMetadata, ... }` out.
 */
export function lambdaInvokeParameters(parameters: unknown): LambdaInvocation {
  const p = (parameters ?? {}) as Record<string, unknown>;
  if (typeof p.FunctionName !== 'string')
    throw new AslError('States.Runtime', 'lambda:invoke needs Parameters.FunctionName (a function name or ARN)');
  const match = FUNCTION_ARN.exec(p.FunctionName);
  if (!match)
    throw new AslError(
      'States.Runtime',
      `lambda:invoke FunctionName "${p.FunctionName}" is not a function name or ARN`,
    );
  const invocationType = p.InvocationType ?? 'RequestResponse';
  if (invocationType !== 'RequestResponse' && invocationType !== 'Event' && invocationType !== 'DryRun') {
    throw new AslError(
      'States.Runtime',
      `lambda:invoke InvocationType must be RequestResponse, Event or DryRun, got ${JSON.stringify(invocationType)}`,
    );
  }
  const qualifier = typeof p.Qualifier === 'string' ? p.Qualifier : (match[2] ?? null);
  return { functionName: match[1], qualifier, payload: p.Payload === undefined ? {} : p.Payload, invocationType };
}

/**
 * Calls the Lambda Invoke HTTP API (`POST /2015-03-31/functions/<name>/invocations`) of a
 * Lambda-compatible endpoint (SAM local, LocalStack, a stub), as Step Functions Local does. A
 * function error (`X-Amz-Function-Error`) fails the task with the payload's `errorType` as the
 * error name and `errorMessage` as the cause; service errors are `Lambda.<ExceptionType>`.
 * Plain `fetch` (standard Node) keeps the engine free of an AWS SDK. Not the guarded outbound fetch
 * of `ctx.services`: the endpoint is the operator's own setting, often a local emulator.
 */
export async function invokeLambda(
  endpoint: string | null,
  call: LambdaInvocation,
  ctx: NodeContext,
): Promise<{ payload: unknown; statusCode: number; headers: Record<string, string> }> {
  if (!endpoint)
    throw new AslError('Lambda.SdkClientException', 'No Lambda endpoint is configured (set BATON_LAMBDA_ENDPOINT)');
  const url = new URL(
    `${endpoint.replace(/\/+$/, '')}/2015-03-31/functions/${encodeURIComponent(call.functionName)}/invocations`,
  );
  if (call.qualifier) url.searchParams.set('Qualifier', call.qualifier);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-amz-invocation-type': call.invocationType,
        'x-amz-client-context': '',
        'idempotency-key': ctx.idempotencyKey,
      },
      body: JSON.stringify(call.payload ?? null),
      signal: ctx.signal,
    });
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    throw new AslError(
      'Lambda.SdkClientException',
      `Unable to reach the Lambda endpoint: ${String((error as Error)?.message ?? error)}`,
    );
  }
  const text = await response.text();
  const payload = parseJson(text);
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => (headers[key] = value));
  if (headers['x-amz-function-error']) {
    const body = (payload ?? {}) as { errorType?: unknown; errorMessage?: unknown };
    const name = typeof body.errorType === 'string' && body.errorType ? body.errorType : 'Lambda.Unknown';
    throw new AslError(name, typeof body.errorMessage === 'string' ? body.errorMessage : text);
  }
  if (response.status >= 400) {
    const type =
      (headers['x-amzn-errortype'] ?? '').split(':')[0] ||
      ((payload as { Type?: string; __type?: string } | null)?.__type ?? '') ||
      serviceErrorOf(response.status);
    const message =
      (payload as { message?: unknown; Message?: unknown } | null)?.message ??
      (payload as { Message?: unknown } | null)?.Message ??
      text;
    throw new AslError(`Lambda.${type}`, String(message));
  }
  return { payload, statusCode: response.status, headers };
}

function serviceErrorOf(status: number): string {
  if (status === 404) return 'ResourceNotFoundException';
  if (status === 429) return 'TooManyRequestsException';
  return status >= 500 ? 'ServiceException' : 'AWSLambdaException';
}

function parseJson(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
