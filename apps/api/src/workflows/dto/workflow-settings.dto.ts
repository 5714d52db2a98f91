import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { FailureNotificationSettingsDto } from './failure-notification-settings.dto';

const MAX_LIMIT = 100_000;
/** Ten years: beyond, a retention setting is a typo, not a policy. */
export const MAX_RETENTION_DAYS = 3650;
const MAX_EXPECTED_DURATION_SECONDS = 366 * 24 * 3600;

/** Run settings of a workflow. Null (or absent on create) means unlimited. */
export class WorkflowSettingsDto {
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 1,
    maximum: MAX_LIMIT,
    description: 'Executions of this workflow running at once; excess executions wait as `pending` (never dropped)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_LIMIT)
  maxConcurrentExecutions?: number | null;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 1,
    maximum: MAX_LIMIT,
    description: 'Executions of this workflow started per rolling minute; excess executions wait as `pending`',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_LIMIT)
  maxStartsPerMinute?: number | null;

  @ApiPropertyOptional({
    enum: ['express', 'standard'],
    nullable: true,
    description:
      '`express`: immediate runs stay in memory and are written once when they end (at-most-once); ' +
      '`standard`: every step is journaled (crash-safe). Null: express for immediate runs, standard otherwise',
  })
  @IsOptional()
  @IsIn(['express', 'standard', null])
  durability?: 'express' | 'standard' | null;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 1,
    maximum: MAX_RETENTION_DAYS,
    description:
      'Days a finished execution (steps, events, logs) is kept after it ended; null: the installation default ' +
      '(BATON_RETENTION_DAYS). Failed ones are kept at least BATON_RETENTION_FAILED_DAYS when that is longer',
  })
  @IsOptional()
  @IsInt({ message: 'retentionDays must be a whole number of days' })
  @Min(1)
  @Max(MAX_RETENTION_DAYS)
  retentionDays?: number | null;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 1,
    maximum: MAX_EXPECTED_DURATION_SECONDS,
    description: 'Running longer than this, an execution is listed as stuck (GET /api/executions/stuck); null: never',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_EXPECTED_DURATION_SECONDS)
  expectedDurationSeconds?: number | null;

  @ApiPropertyOptional({
    type: FailureNotificationSettingsDto,
    nullable: true,
    description: 'Notified once per failed execution (retried, never blocking the run); null: nobody',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => FailureNotificationSettingsDto)
  onFailure?: FailureNotificationSettingsDto | null;
}
