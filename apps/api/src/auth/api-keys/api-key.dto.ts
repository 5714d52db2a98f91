import { ApiProperty } from '@nestjs/swagger';
import { WORKSPACE_ROLES, type WorkspaceRole } from '@baton/persistence';
import { DisplayNameField, RoleField } from '../decorators/identity-fields.decorator';

export class CreateApiKeyDto {
  @DisplayNameField('CI deploys')
  name: string;

  @RoleField()
  role: WorkspaceRole;
}

/** An API key as listed: never the key itself nor its hash. */
export class ApiKeyDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ description: 'The first characters of the key, to tell keys apart', example: 'bk_3fJ9aQx1' })
  prefix: string;

  @ApiProperty({ enum: [...WORKSPACE_ROLES] })
  role: WorkspaceRole;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: Date;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastUsedAt: Date | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  revokedAt: Date | null;
}

/** The answer to creating a key: the only time the key itself is shown. */
export class CreatedApiKeyDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ example: 'bk_3fJ9aQx1' })
  prefix: string;

  @ApiProperty({ enum: [...WORKSPACE_ROLES] })
  role: WorkspaceRole;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: Date;

  @ApiProperty({ description: 'Send as "X-API-Key: <key>". Shown once; store it now.' })
  key: string;
}
