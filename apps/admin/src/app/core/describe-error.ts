import { HttpErrorResponse } from '@angular/common/http';

/** The HTTP status of a failed API call; 0 when the server could not be reached, null for other errors. */
export function errorStatus(error: unknown): number | null {
  return error instanceof HttpErrorResponse ? error.status : null;
}

/** The API's messages (NestJS error body: `message` is a string or a list), if any. */
export function errorMessages(error: unknown): string[] {
  if (!(error instanceof HttpErrorResponse)) return [];
  const message = (error.error as { message?: unknown } | null)?.message;
  if (typeof message === 'string') return [message];
  if (Array.isArray(message)) return message.filter((m): m is string => typeof m === 'string');
  return [];
}

/**
 * Human-readable messages for any error a store catches. `byStatus` replaces the server's text
 * for statuses the caller understands better (e.g. 401 on sign-in means bad credentials).
 */
export function describeError(error: unknown, byStatus: Readonly<Record<number, string>> = {}): string {
  if (!(error instanceof HttpErrorResponse)) return 'Something went wrong. Please try again.';
  if (byStatus[error.status]) return byStatus[error.status]!;
  if (error.status === 0) return 'The server could not be reached. Check your connection and try again.';
  const messages = errorMessages(error);
  if (messages.length) return messages.join(' ');
  return `The request failed (${error.status}${error.statusText ? ` ${error.statusText}` : ''}).`;
}
