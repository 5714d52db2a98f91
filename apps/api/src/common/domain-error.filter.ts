import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { EngineError, InvalidInputError } from '@baton/engine';
import { QueryFailedError } from 'typeorm';
import { DomainError, type DomainErrorCode } from './domain.error';

const STATUS_BY_CODE: Record<DomainErrorCode, number> = {
  NOT_FOUND: HttpStatus.NOT_FOUND,
  CONFLICT: HttpStatus.CONFLICT,
  VALIDATION_FAILED: HttpStatus.BAD_REQUEST,
  UNAUTHENTICATED: HttpStatus.UNAUTHORIZED,
  FORBIDDEN: HttpStatus.FORBIDDEN,
  SETUP_ALREADY_DONE: HttpStatus.CONFLICT,
  RATE_LIMITED: HttpStatus.TOO_MANY_REQUESTS,
};

/** PostgreSQL errors that mean "bad input" rather than "our bug" (safety net behind validation). */
const STATUS_BY_SQLSTATE: Record<string, number> = {
  '22P02': HttpStatus.BAD_REQUEST, // invalid text representation (e.g. a malformed uuid)
  '22001': HttpStatus.BAD_REQUEST, // value too long
  '23505': HttpStatus.CONFLICT, // unique violation
};

/** The slice of Express's response this filter uses (keeps @types/express out of the build). */
interface JsonResponse {
  headersSent: boolean;
  setHeader(name: string, value: string): void;
  status(code: number): { json(body: unknown): void };
}

/** The single place where errors become HTTP responses: `{ statusCode, error, message }`. */
@Catch()
export class DomainErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<JsonResponse>();
    if (response.headersSent) return;
    const { status, body } = this.toResponse(exception);
    if (status >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (typeof body['retryAfterSeconds'] === 'number')
      response.setHeader('Retry-After', String(body['retryAfterSeconds']));
    response.status(status).json(body);
  }

  private toResponse(exception: unknown): { status: number; body: Record<string, unknown> } {
    if (exception instanceof DomainError) {
      const status = STATUS_BY_CODE[exception.code];
      return {
        status,
        body: { statusCode: status, error: exception.code, message: exception.message, ...exception.details },
      };
    }
    if (exception instanceof InvalidInputError) {
      const status = exception.code.endsWith('_NOT_FOUND') ? HttpStatus.NOT_FOUND : HttpStatus.BAD_REQUEST;
      const problems = Array.isArray(exception.details) ? { problems: exception.details } : {};
      return { status, body: { statusCode: status, error: exception.code, message: exception.message, ...problems } };
    }
    if (exception instanceof EngineError && exception.code === 'CONFLICT') {
      return {
        status: HttpStatus.CONFLICT,
        body: { statusCode: 409, error: exception.code, message: exception.message },
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const raw = exception.getResponse();
      const body = typeof raw === 'string' ? { statusCode: status, message: raw } : (raw as Record<string, unknown>);
      return { status, body: { statusCode: status, error: HttpStatus[status] ?? 'Error', ...body } };
    }
    if (exception instanceof QueryFailedError) {
      const sqlState = (exception.driverError as { code?: string } | undefined)?.code ?? '';
      const status = STATUS_BY_SQLSTATE[sqlState];
      if (status)
        return { status, body: { statusCode: status, error: HttpStatus[status], message: exception.message } };
    }
    return {
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      body: { statusCode: 500, error: 'INTERNAL_ERROR', message: 'Internal server error' },
    };
  }
}
