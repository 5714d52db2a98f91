/**
 * Errors services raise. They carry a code, never an HTTP status: the one exception
 * filter (domain-error.filter.ts) maps codes to statuses (STYLE.md §5).
 */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = code;
  }
}

export type DomainErrorCode =
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'VALIDATION_FAILED'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'SETUP_ALREADY_DONE'
  | 'RATE_LIMITED'
  /** A start would pass the workspace's monthly credit limit (402). */
  | 'CREDIT_LIMIT_REACHED';

export const notFound = (what: string, id: string) => new DomainError('NOT_FOUND', `${what} ${id} was not found`);
export const conflict = (message: string) => new DomainError('CONFLICT', message);
export const forbidden = (message: string) => new DomainError('FORBIDDEN', message);
export const validationFailed = (message: string, details?: Record<string, unknown>) =>
  new DomainError('VALIDATION_FAILED', message, details);
