import { BadRequestException, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiParam, ApiResponse } from '@nestjs/swagger';
import { ErrorResponseDto } from '../error-response.dto';

/**
 * A route parameter that must be a UUID. A malformed one is a 400 naming the parameter, in the
 * same shape as body validation errors, instead of reaching PostgreSQL as an invalid uuid.
 * It documents itself too: the parameter as `format: uuid` and the operation's 400.
 */
export const UuidParam =
  (name: string): ParameterDecorator =>
  (target, methodKey, index) => {
    Param(
      name,
      new ParseUUIDPipe({
        exceptionFactory: () =>
          new BadRequestException({ statusCode: 400, error: 'VALIDATION_FAILED', message: [`${name} must be a UUID`] }),
      }),
    )(target, methodKey, index);
    const descriptor = methodKey === undefined ? undefined : Object.getOwnPropertyDescriptor(target, methodKey);
    if (methodKey === undefined || !descriptor) return;
    ApiParam({ name, format: 'uuid' })(target, methodKey, descriptor);
    // overrideExisting: false keeps a method's own, more specific 400 description.
    ApiResponse(
      {
        status: 400,
        type: ErrorResponseDto,
        description: `VALIDATION_FAILED: ${name} is not a UUID (or the input is invalid)`,
      },
      { overrideExisting: false },
    )(target, methodKey, descriptor);
  };
