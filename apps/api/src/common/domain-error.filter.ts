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
  CREDIT_LIMIT_REACHED: HttpStatus.PAYMENT_REQUIRED,
};

/** PostgreSQL errors that mean "bad input" rather than "our bug" (safety net behind validation). */
// The client gets a fixed sentence per class, never PostgreSQL's own text (which can quote the
// query, its values, or the schema).
const ANSWER_BY_SQLSTATE: Record<string, { status: number; message: string }> = {
  '22P02': { status: HttpStatus.BAD_REQUEST, message: 'A value has an invalid format' },
  '22001': { status: HttpStatus.BAD_REQUEST, message: 'A value is too long' },
  '22003': { status: HttpStatus.BAD_REQUEST, message: 'A number is out of range' },
  '22007': { status: HttpStatus.BAD_REQUEST, message: 'A date or time has an invalid format' },
  '22008': { status: HttpStatus.BAD_REQUEST, message: 'A date or time is out of range' },
  '22021': { status: HttpStatus.BAD_REQUEST, message: 'Text contains characters that cannot be stored' },
  '22P05': { status: HttpStatus.BAD_REQUEST, message: 'Text contains characters that cannot be stored' },
  '54001': { status: HttpStatus.BAD_REQUEST, message: 'A value is nested too deeply' },
  '23505': { status: HttpStatus.CONFLICT, message: 'It already exists' },
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
      const answer = ANSWER_BY_SQLSTATE[sqlState];
      if (answer)
        return {
          status: answer.status,
          body: { statusCode: answer.status, error: HttpStatus[answer.status], message: answer.message },
        };
    }
    // Errors of the body parsers and other Express middleware (http-errors carry a 4xx status).
    const status = (exception as { status?: unknown; expose?: unknown } | null)?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const expose = (exception as { expose?: boolean }).expose === true;
      return {
        status,
        body: {
          statusCode: status,
          error: HttpStatus[status] ?? 'Error',
          message: expose ? (exception as Error).message : 'The request could not be read',
        },
      };
    }
    return {
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      body: { statusCode: 500, error: 'INTERNAL_ERROR', message: 'Internal server error' },
    };
  }
}
