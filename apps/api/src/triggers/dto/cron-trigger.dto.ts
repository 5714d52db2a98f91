import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Equals, IsBoolean, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { CATCH_UP_POLICIES, type CatchUpPolicy } from '../cron/plan-due-runs';

export class CronTriggerDto {
  @ApiProperty({ enum: ['cron'] })
  @Equals('cron')
  type: 'cron';

  @ApiProperty({
    example: '*/15 * * * *',
    description: '5 fields (minute hour day month weekday), or 6 with a leading seconds field',
  })
  @IsString()
  @Length(1, 200)
  expression: string;

  @ApiPropertyOptional({
    example: 'Europe/Berlin',
    default: 'UTC',
    description: 'IANA time zone the expression is read in',
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  timezone?: string;

  @ApiPropertyOptional({
    enum: CATCH_UP_POLICIES,
    default: 'none',
    description: 'Runs missed while no scheduler ran: drop, run the latest, or run all (bounded)',
  })
  @IsOptional()
  @IsIn(CATCH_UP_POLICIES)
  catchUp?: CatchUpPolicy;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}
