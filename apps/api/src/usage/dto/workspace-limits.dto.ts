import { ApiProperty } from '@nestjs/swagger';
import { IsNumber, Max, Min, ValidateBy, ValidateIf } from 'class-validator';

export const MAX_MONTHLY_CREDITS = 1e12;

/**
 * At most four decimals, checked by value: class-validator's `maxDecimalPlaces` reads the
 * number's text and throws on exponent notation (`9e-323`), which answered a 500.
 */
const AtMostFourDecimals = () =>
  ValidateBy({
    name: 'atMostFourDecimals',
    validator: {
      validate: (value: unknown) => typeof value === 'number' && Math.round(value * 10_000) / 10_000 === value,
      defaultMessage: () => 'monthlyCredits must be a number (at most 4 decimals) or null',
    },
  });

export class UpdateWorkspaceLimitsDto {
  @ApiProperty({
    type: Number,
    nullable: true,
    minimum: 0,
    maximum: MAX_MONTHLY_CREDITS,
    description: 'Credits the workspace may use per calendar month (UTC); null removes the limit',
  })
  @ValidateIf((dto: UpdateWorkspaceLimitsDto) => dto.monthlyCredits !== null)
  @IsNumber(
    { allowNaN: false, allowInfinity: false },
    { message: 'monthlyCredits must be a number (at most 4 decimals) or null' },
  )
  @AtMostFourDecimals()
  @Min(0, { message: 'monthlyCredits must not be negative' })
  @Max(MAX_MONTHLY_CREDITS, { message: `monthlyCredits must be at most ${MAX_MONTHLY_CREDITS}` })
  monthlyCredits: number | null;
}

export class WorkspaceLimitsDto {
  @ApiProperty({ format: 'uuid' }) workspaceId: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Credits per calendar month (UTC); null: unlimited' })
  monthlyCredits: number | null;
  @ApiProperty({ description: 'The month counted, `YYYY-MM-01`' }) month: string;
  @ApiProperty({
    description:
      'Credits of the month: what ended runs cost plus the estimates reserved by runs still going (with a limit; ' +
      'without one, what the month’s steps cost so far)',
  })
  used: number;
  @ApiProperty({ description: 'The part of `used` that is still an estimate' }) reserved: number;
  @ApiProperty({ type: Number, nullable: true, description: 'monthlyCredits − used, never below 0; null: unlimited' })
  remaining: number | null;
}
