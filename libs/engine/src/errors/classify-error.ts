import { CancelledError, EngineError, PermanentError, TimeoutError, TransientError } from './engine.error.js';

// errno codes worth another attempt: the peer or the network may recover.
const TRANSIENT_ERRNO = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

interface ForeignErrorShape {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  status?: unknown;
  statusCode?: unknown;
  cause?: unknown;
}

/**
 * Turns anything thrown by a node into an engine error. This is the only place that looks at
 * foreign errors (errno codes, HTTP statuses, DOMException names), so the retry rules live here.
 */
export function classifyError(error: unknown): EngineError {
  if (error instanceof EngineError) return error;
  if (typeof error !== 'object' || error === null) {
    return new PermanentError(String(error), 'NODE_ERROR');
  }
  const shape = error as ForeignErrorShape;
  const message = typeof shape.message === 'string' ? shape.message : String(error);
  const status = numberOrUndefined(shape.status) ?? numberOrUndefined(shape.statusCode);
  if (status !== undefined) {
    if (status === 429 || status === 408 || status >= 500)
      return new TransientError(message, `HTTP_${status}`, { cause: error });
    if (status >= 400) return new PermanentError(message, `HTTP_${status}`, { cause: error });
  }
  if (shape.name === 'TimeoutError') return new TimeoutError(message);
  if (shape.name === 'AbortError') return new CancelledError(message);
  if (typeof shape.code === 'string' && TRANSIENT_ERRNO.has(shape.code)) {
    return new TransientError(message, shape.code, { cause: error });
  }
  // fetch wraps socket errors in TypeError('fetch failed', { cause }); the cause decides.
  if (shape.cause && shape.cause !== error) {
    const inner = classifyError(shape.cause);
    if (inner.retryable) return new TransientError(message, inner.code, { cause: error });
  }
  const code = typeof shape.code === 'string' && /^[A-Z0-9_]+$/.test(shape.code) ? shape.code : 'NODE_ERROR';
  return new PermanentError(message, code, { cause: error });
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}
