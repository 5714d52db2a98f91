/**
 * A response whose status the request was told to fail on. Carries `status`, which the engine's
 * `classifyError` turns into a retry decision (5xx, 408 and 429 are transient).
 */
export class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    url: string,
  ) {
    super(`HTTP ${status} from ${url}`);
    this.name = 'HttpStatusError';
  }
}
