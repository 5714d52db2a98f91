import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { DEFAULT_MAX_NODES } from '@baton/engine';
import { WORKFLOW_LIMITS } from '../../dto/workflow-limits';

/** Credentials the import gives nodes that need one and name none (the seed kept keys elsewhere). */
export class ImportCredentialsDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'An `openai` credential for extract_data_openai (ai.extract)' })
  @IsOptional()
  @IsUUID()
  openai?: string;
}

/**
 * A workflow in the seed design's format (shared/seeds/001, "Workflow Structure"), as it is:
 * seed node types, input and handle names are mapped by the alias table (libs/nodes seed/).
 */
export class ImportSeedWorkflowDto {
  @ApiPropertyOptional({ description: "The seed's own id; ignored (Baton gives the workflow its own)" })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  id?: string;

  @ApiPropertyOptional({ maxLength: WORKFLOW_LIMITS.nameLength, example: 'Workflow Name' })
  @IsOptional()
  @IsString()
  @Length(1, WORKFLOW_LIMITS.nameLength)
  name?: string;

  @ApiPropertyOptional({ maxLength: WORKFLOW_LIMITS.descriptionLength })
  @IsOptional()
  @IsString()
  @MaxLength(WORKFLOW_LIMITS.descriptionLength)
  description?: string;

  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: '`{ id, type, position, data: { inputs } }`; seed types like `launch_standard_browser` or Baton types',
  })
  @IsArray()
  @ArrayMaxSize(DEFAULT_MAX_NODES)
  @IsObject({ each: true })
  nodes: Record<string, unknown>[];

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: '`{ id, source, target, sourceHandle, targetHandle }`; handle names like "Web Page" are mapped',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(DEFAULT_MAX_NODES * 4)
  @IsObject({ each: true })
  edges?: Record<string, unknown>[];

  @ApiPropertyOptional({ example: '0 9 * * 1-5', description: 'Becomes a cron trigger (UTC)' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  cron?: string;

  @ApiPropertyOptional({
    example: 'active',
    description: '`draft`, `active` or `paused`; anything else imports a draft',
  })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  status?: string;

  @ApiPropertyOptional({ type: ImportCredentialsDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ImportCredentialsDto)
  credentials?: ImportCredentialsDto;
}
