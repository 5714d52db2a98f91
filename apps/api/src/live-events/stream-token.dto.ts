import { ApiProperty } from '@nestjs/swagger';

export class StreamTokenDto {
  @ApiProperty({
    description:
      'Opens GET /api/executions/{id}/stream?token=... for this execution only (a browser EventSource cannot send ' +
      'an Authorization header); not accepted anywhere else',
  })
  token: string;

  @ApiProperty({ description: 'ISO 8601: the stream must be opened before this instant (an open stream stays open)' })
  expiresAt: string;

  @ApiProperty({
    description: 'The stream URL with the token, relative to the server',
    example: '/api/executions/…/stream?token=…',
  })
  streamUrl: string;
}
