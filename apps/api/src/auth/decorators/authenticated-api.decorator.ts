import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiSecurity, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ErrorResponseDto } from '../error-response.dto';

/** OpenAPI for a controller behind AuthGuard: both credential schemes and their 401/403 answers. */
export const AuthenticatedApi = () =>
  applyDecorators(
    ApiBearerAuth('bearer'),
    ApiSecurity('apiKey'),
    ApiUnauthorizedResponse({
      type: ErrorResponseDto,
      description: 'Credentials missing, invalid, expired or revoked',
    }),
    ApiForbiddenResponse({ type: ErrorResponseDto, description: "The caller's role in the workspace is too low" }),
  );
