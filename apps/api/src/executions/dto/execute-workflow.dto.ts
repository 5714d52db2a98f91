import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

export const EXECUTION_MODES = ['immediate', 'queued', 'auto'] as const;
export const EXECUTION_DURABILITIES = ['express', 'standard'] as const;

export class ExecuteOptionsDto {
  @ApiPropertyOptional({
    description: 'Workflow-level timeout in milliseconds',
    minimum: 1,
    maximum: 31 * 24 * 3600 * 1000,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(31 * 24 * 3600 * 1000)
  timeout?: number;

  @ApiPropertyOptional({ description: 'Queue priority: 1 runs first, larger runs later', minimum: 1, maximum: 1000 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  priority?: number;

  @ApiPropertyOptional({ type: [String], maxItems: 20 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 50, { each: true })
  tags?: string[];

  @ApiPropertyOptional({
    enum: EXECUTION_DURABILITIES,
    description:
      "Overrides the workflow's durability for this run. `express` (the default for immediate runs) keeps the run " +
      'in memory and writes it once when it ends; a run that must wait long turns `standard`. Queued runs are always `standard`',
  })
  @IsOptional()
  @IsIn(EXECUTION_DURABILITIES)
  durability?: (typeof EXECUTION_DURABILITIES)[number];
}

export class ExecuteWorkflowDto {
  @ApiPropertyOptional({ description: 'The execution input (any JSON)' })
  @IsOptional()
  input?: unknown;

  @ApiPropertyOptional({ enum: EXECUTION_MODES, default: 'auto' })
  @IsOptional()
  @IsIn(EXECUTION_MODES)
  mode?: (typeof EXECUTION_MODES)[number];

  @ApiPropertyOptional({ type: ExecuteOptionsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ExecuteOptionsDto)
  options?: ExecuteOptionsDto;
}

export class StartedExecutionDto {
  @ApiProperty({ format: 'uuid' }) executionId: string;
  @ApiProperty({ enum: ['pending', 'running', 'paused', 'completed', 'failed', 'cancelled'] }) status: string;
  @ApiProperty({ enum: ['immediate', 'queued'] }) mode: string;
  @ApiProperty({ enum: EXECUTION_DURABILITIES }) durability: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'What the complexity analyzer found' })
  complexity: unknown;
  @ApiPropertyOptional({ description: 'Immediate mode: the workflow output' }) output?: unknown;
  @ApiPropertyOptional({ type: String, nullable: true }) error?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) cause?: string | null;
}
