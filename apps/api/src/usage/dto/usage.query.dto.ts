import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional } from 'class-validator';
import type { UsageGroupBy } from '@baton/persistence';

export const USAGE_GROUPS: readonly UsageGroupBy[] = ['workflow', 'nodeType', 'day'];
/** The widest window one report may cover (bounded input: one scan of the workspace's steps). */
export const USAGE_MAX_DAYS = 400;

export class UsageQueryDto {
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Steps that ended at or after this ISO 8601 timestamp (default: the start of the current UTC month)',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO 8601 timestamp' })
  from?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Steps that ended before this ISO 8601 timestamp (default: now)',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO 8601 timestamp' })
  to?: string;

  @ApiPropertyOptional({ enum: USAGE_GROUPS, default: 'day', description: 'How the credits are grouped (days in UTC)' })
  @IsOptional()
  @IsIn(USAGE_GROUPS, { message: `groupBy must be one of ${USAGE_GROUPS.join(', ')}` })
  groupBy?: UsageGroupBy;
}
