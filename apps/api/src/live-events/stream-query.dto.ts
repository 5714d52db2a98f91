import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class StreamQueryDto {
  @ApiPropertyOptional({
    minimum: 0,
    description: 'Start after this sequence number (Last-Event-ID takes precedence); default 0: the whole history',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(2_147_483_647)
  afterSequence?: number;

  @ApiPropertyOptional({
    description:
      'A stream token from POST /api/executions/{id}/stream-token, for clients that cannot send credentials in a header (EventSource)',
    maxLength: 1024,
  })
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  token?: string;
}
