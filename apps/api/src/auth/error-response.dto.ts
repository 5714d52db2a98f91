import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DefinitionProblemDto } from '../workflows/dto/validate-definition.dto';

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

  @ApiPropertyOptional({
    type: [DefinitionProblemDto],
    description: 'An invalid workflow definition: every problem at once',
  })
  problems?: DefinitionProblemDto[];

  @ApiPropertyOptional({ example: 30, description: 'On 429: seconds to wait (also the Retry-After header)' })
  retryAfterSeconds?: number;
}
