import type { components } from './generated/openapi.js';

/** One problem of an invalid workflow definition, as POST /api/workflows/validate lists them. */
export type DefinitionProblem = components['schemas']['DefinitionProblemDto'];

/**
 * What every failed request throws: the API's error body (`{ statusCode, error, message }`,
 * plus `problems` for an invalid definition) with the HTTP status, so callers branch on
 * `statusCode` or the SCREAMING_SNAKE `error` code instead of parsing messages.
 */
export class BatonApiError extends Error {
  override readonly name = 'BatonApiError';
  /** The HTTP status, e.g. 404. */
  readonly statusCode: number;
  /** The error code, e.g. `NOT_FOUND`, `VALIDATION_FAILED`, `CONFLICT`, `RATE_LIMITED`. */
  readonly error: string;
  /** Validation errors: one message per field. */
  readonly messages: string[];
  /** An invalid workflow definition: every problem at once (empty otherwise). */
  readonly problems: DefinitionProblem[];
  /** On 429: seconds to wait before trying again. */
  readonly retryAfterSeconds?: number;
  /** The whole error body as received. */
  readonly body: unknown;

  constructor(statusCode: number, body: unknown) {
    const fields = (typeof body === 'object' && body !== null ? body : {}) as Partial<
      components['schemas']['ErrorResponseDto']
    >;
    const messages = Array.isArray(fields.message)
      ? fields.message.map(String)
      : [
          typeof fields.message === 'string'
            ? fields.message
            : typeof body === 'string' && body
              ? body
              : `HTTP ${statusCode}`,
        ];
    super(messages.join('; '));
    this.statusCode = statusCode;
    this.error = typeof fields.error === 'string' ? fields.error : `HTTP_${statusCode}`;
    this.messages = messages;
    this.problems = Array.isArray(fields.problems) ? fields.problems : [];
    this.retryAfterSeconds = typeof fields.retryAfterSeconds === 'number' ? fields.retryAfterSeconds : undefined;
    this.body = body;
  }
}
