import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional, IsString, Length } from 'class-validator';
import { CREDENTIAL_KIND_NAMES } from './credential-kinds';

const VALUES_DESCRIPTION =
  'Fields of the kind (GET /api/credential-types); secret fields are write-only and never returned';

export class CreateCredentialDto {
  @ApiProperty({ maxLength: 200, example: 'Billing API token' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ enum: CREDENTIAL_KIND_NAMES })
  @IsIn(CREDENTIAL_KIND_NAMES)
  kind: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: VALUES_DESCRIPTION })
  @IsObject()
  values: Record<string, unknown>;
}

export class UpdateCredentialDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: `${VALUES_DESCRIPTION}. A field left out keeps its value (secrets too); null clears an optional one`,
  })
  @IsOptional()
  @IsObject()
  values?: Record<string, unknown>;
}

/** A credential as an editor or owner sees it; viewers get only id, name and kind. */
export class CredentialDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: CREDENTIAL_KIND_NAMES }) kind: string;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'The non-secret fields (editors and owners)',
  })
  values?: Record<string, unknown>;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'boolean' },
    description: 'Each secret field of the kind and whether it is set (editors and owners)',
  })
  secretsSet?: Record<string, boolean>;
  @ApiPropertyOptional({ format: 'date-time' }) createdAt?: string;
  @ApiPropertyOptional({ format: 'date-time' }) updatedAt?: string;
}

export class CredentialTypeDto {
  @ApiProperty({ enum: CREDENTIAL_KIND_NAMES }) kind: string;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: [String], description: 'Fields that are write-only (encrypted, never returned)' })
  secretFields: string[];
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'JSON Schema (2020-12) of `values`' })
  schema: Record<string, unknown>;
}
