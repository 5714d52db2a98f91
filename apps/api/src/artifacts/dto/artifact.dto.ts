import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** An artifact's metadata; its bytes are at `GET /api/artifacts/{artifactId}`. */
export class ArtifactDto {
  @ApiProperty({ format: 'uuid' })
  artifactId!: string;

  @ApiProperty({ format: 'uuid' })
  executionId!: string;

  @ApiProperty({ description: 'The step that stored it' })
  stepId!: string;

  @ApiProperty({ example: 'report.html' })
  name!: string;

  @ApiProperty({ example: 'text/html; charset=utf-8' })
  contentType!: string;

  @ApiProperty({ description: 'Bytes' })
  size!: number;

  @ApiProperty({ description: 'Lowercase hex SHA-256 of the bytes', minLength: 64, maxLength: 64 })
  sha256!: string;

  @ApiProperty({ description: 'The workflow marked it for delivery to people without an account' })
  publish!: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

/** Longest link lifetime the API accepts at all; BATON_ARTIFACT_LINK_MAX_TTL_SECONDS may lower it. */
export const LINK_TTL_CEILING_SECONDS = 366 * 86_400;

export class CreateArtifactLinkDto {
  @ApiPropertyOptional({
    description: 'How long the link works, in seconds (default 7 days, at most BATON_ARTIFACT_LINK_MAX_TTL_SECONDS)',
    minimum: 60,
    maximum: LINK_TTL_CEILING_SECONDS,
    default: 7 * 86_400,
  })
  @IsOptional()
  @IsInt()
  @Min(60)
  @Max(LINK_TTL_CEILING_SECONDS)
  expiresInSeconds?: number;
}

export class ArtifactLinkDto {
  @ApiProperty({ description: 'Opens the artifact without signing in, until expiresAt' })
  url!: string;

  @ApiProperty({ format: 'date-time' })
  expiresAt!: string;
}
