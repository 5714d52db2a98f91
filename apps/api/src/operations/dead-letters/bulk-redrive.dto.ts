import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

export const BULK_REDRIVE_LIMIT = { default: 100, max: 500 } as const;

/** Which failed executions to redrive; every field narrows, an empty filter means "all failed ones". */
export class RedriveFilterDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID(undefined, { message: 'filter.workflowId must be a UUID' })
  workflowId?: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 200,
    example: 'HTTP_500',
    description: 'The error name as the failure groups show it; null: failed executions without one',
  })
  @ValidateIf((_, value) => value !== undefined && value !== null)
  @IsString()
  @MaxLength(200)
  error?: string | null;

  @ApiPropertyOptional({ maxLength: 50 })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  tag?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Created at or after' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'filter.from must be an ISO 8601 timestamp' })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Created before' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'filter.to must be an ISO 8601 timestamp' })
  to?: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: BULK_REDRIVE_LIMIT.max })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(BULK_REDRIVE_LIMIT.max)
  @IsUUID(undefined, { each: true, message: 'filter.executionIds must hold UUIDs' })
  executionIds?: string[];
}

export class BulkRedriveDto {
  @ApiProperty({ type: RedriveFilterDto, description: 'Only failed executions of the workspace are ever taken' })
  @IsObject()
  @ValidateNested()
  @Type(() => RedriveFilterDto)
  filter: RedriveFilterDto;

  @ApiPropertyOptional({ minimum: 1, maximum: BULK_REDRIVE_LIMIT.max, default: BULK_REDRIVE_LIMIT.default })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(BULK_REDRIVE_LIMIT.max)
  limit?: number;
}

export class RedriveResultDto {
  @ApiProperty({ format: 'uuid' }) executionId: string;
  @ApiProperty({ enum: ['redriven', 'refused'] }) outcome: 'redriven' | 'refused';
  @ApiProperty({ description: 'The execution status after the attempt' }) status: string;
  @ApiPropertyOptional({ description: 'Why it was refused (another control won the race, the run is gone)' })
  message?: string;
}

export class BulkRedriveResponseDto {
  @ApiProperty({ description: 'Failed executions the filter matched (at most `limit`)' }) matched: number;
  @ApiProperty() redriven: number;
  @ApiProperty() refused: number;
  @ApiProperty({ type: [RedriveResultDto], description: 'One entry per matched execution, oldest failure first' })
  results: RedriveResultDto[];
}
