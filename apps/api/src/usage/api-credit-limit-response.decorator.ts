import { ApiResponse } from '@nestjs/swagger';
import { ErrorResponseDto } from '../auth/error-response.dto';

/** OpenAPI for operations that start an execution: the 402 a monthly credit limit answers. */
export const ApiCreditLimitResponse = () =>
  ApiResponse({
    status: 402,
    type: ErrorResponseDto,
    description:
      "CREDIT_LIMIT_REACHED: the workflow's estimated credits do not fit the workspace's monthly limit; nothing was started",
  });
