import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';

const MAX_LIMIT = 100_000;

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
}
