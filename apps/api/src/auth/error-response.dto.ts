import { ApiProperty } from '@nestjs/swagger';

/** The body DomainErrorFilter writes for every error, documented for the OpenAPI clients. */
export class ErrorResponseDto {
  @ApiProperty({ example: 401 })
  statusCode: number;

  @ApiProperty({
    example: 'UNAUTHENTICATED',
    description: 'An error code such as VALIDATION_FAILED, FORBIDDEN, CONFLICT',
  })
  error: string;

  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    description: 'What went wrong; for validation errors, one message per field naming it',
  })
  message: string | string[];
}
