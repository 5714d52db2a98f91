import { BadRequestException, Param, ParseUUIDPipe } from '@nestjs/common';

/**
 * A route parameter that must be a UUID. A malformed one is a 400 naming the parameter, in the
 * same shape as body validation errors, instead of reaching PostgreSQL as an invalid uuid.
 */
export const UuidParam = (name: string) =>
  Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () =>
        new BadRequestException({ statusCode: 400, error: 'VALIDATION_FAILED', message: [`${name} must be a UUID`] }),
    }),
  );
