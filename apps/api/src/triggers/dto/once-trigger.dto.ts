import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Equals, IsBoolean, IsISO8601, IsOptional } from 'class-validator';

export class OnceTriggerDto {
  @ApiProperty({ enum: ['once'] })
  @Equals('once')
  type: 'once';

  @ApiProperty({
    format: 'date-time',
    example: '2030-01-01T09:00:00Z',
    description: 'The instant to run at (with a zone or offset)',
  })
  @IsISO8601({ strict: true })
  at: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}
