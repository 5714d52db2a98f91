import type { IncomingMessage, ServerResponse } from 'node:http';

const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;

/**
 * A protocol-faithful slice of the Lambda Invoke API (`POST /2015-03-31/functions/<name>/invocations`)
 * with a few deterministic functions: `echo` returns its event, `add` sums `a` and `b`, `fail`
 * raises `{ errorType, errorMessage }` from the event (an unhandled function error), `version`
 * tells which qualifier ran, `remember` keeps `event.token` under `event.key` for a test to answer
 * (`GET /__lambda/tokens/<key>`), `count` counts calls per `event.key` (`GET /__lambda/counts`).
 */
export function createLambdaStub() {
  const tokens = new Map<string, string>();
  const counts = new Map<string, number>();
  let requests = 0;
  const handle = (request: IncomingMessage, response: ServerResponse, url: URL, body: string): boolean => {
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, {
        'content-type': 'application/json',
        'x-amzn-requestid': `stub-${++requests}`,
        ...headers,
      });
      response.end(payload === undefined ? '' : JSON.stringify(payload));
    };
    const token = /^\/__lambda\/tokens\/(.+)$/.exec(url.pathname);
    if (token) {
      const found = tokens.get(decodeURIComponent(token[1]));
      send(found ? 200 : 404, found ? { token: found } : { message: 'no token yet' });
      return true;
    }
    if (url.pathname === '/__lambda/counts') {
      send(200, Object.fromEntries(counts));
      return true;
    }
    const invoke = INVOKE_PATH.exec(url.pathname);
    if (!invoke) return false;
    if (request.method !== 'POST') {
      send(
        405,
        { Type: 'User', message: 'Invoke is a POST' },
        { 'x-amzn-errortype': 'InvalidRequestContentException' },
      );
      return true;
    }
    const name = decodeURIComponent(invoke[1]);
    const version = url.searchParams.get('Qualifier') ?? '$LATEST';
    let event: Record<string, unknown>;
    try {
      event = body ? (JSON.parse(body) as Record<string, unknown>) : {};
    } catch {
      send(
        400,
        { Type: 'User', message: 'Could not parse request body into json' },
        { 'x-amzn-errortype': 'InvalidRequestContentException' },
      );
      return true;
    }
    const ok = (payload: unknown) =>
      request.headers['x-amz-invocation-type'] === 'Event'
        ? send(202, undefined, { 'x-amz-executed-version': version })
        : send(200, payload, { 'x-amz-executed-version': version });
    switch (name) {
      case 'echo':
        ok(event);
        break;
      case 'add':
        ok({ sum: Number(event.a) + Number(event.b) });
        break;
      case 'fail':
        send(
          200,
          {
            errorType: event.errorType ?? 'Error',
            errorMessage: event.errorMessage ?? 'function failed',
            trace: ['at handler (index.js:1:1)'],
          },
          { 'x-amz-function-error': 'Unhandled', 'x-amz-executed-version': version },
        );
        break;
      case 'version':
        ok({ version });
        break;
      case 'remember':
        tokens.set(String(event.key), String(event.token));
        ok({ remembered: true });
        break;
      case 'count': {
        const key = String(event.key);
        counts.set(key, (counts.get(key) ?? 0) + 1);
        ok({ key, calls: counts.get(key) });
        break;
      }
      default:
        send(
          404,
          { Type: 'User', message: `Function not found: arn:aws:lambda:us-east-1:000000000000:function:${name}` },
          { 'x-amzn-errortype': 'ResourceNotFoundException' },
        );
    }
    return true;
  };
  return { handle };
}
