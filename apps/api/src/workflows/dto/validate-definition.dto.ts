import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsObject, IsString, MaxLength } from 'class-validator';
import { WORKFLOW_FORMATS } from '@baton/persistence';

export class ValidateDefinitionDto {
  @ApiProperty({
    example: 'graph',
    description: `The definition's format (${WORKFLOW_FORMATS.join(', ')}); one no interpreter runs is reported as a problem at \`format\``,
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  format: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The definition, as it would be saved' })
  @IsObject()
  definition: Record<string, unknown>;
}

export class DefinitionProblemDto {
  @ApiProperty({ example: 'definition.nodes[2].type', description: 'Where the problem is, from the request body' })
  path: string;

  @ApiProperty({ example: 'unknown node type "http.requst"' })
  message: string;

  @ApiPropertyOptional({ description: 'The node the problem is about' })
  nodeId?: string;

  @ApiPropertyOptional({ description: 'The edge the problem is about' })
  edgeId?: string;
}

export class DefinitionValidationDto {
  @ApiProperty() valid: boolean;

  @ApiProperty({ type: [DefinitionProblemDto], description: 'Every problem at once; empty when valid' })
  problems: DefinitionProblemDto[];
}
