import { ApiProperty } from '@nestjs/swagger';
import { WORKSPACE_ROLES, type WorkspaceRole } from '@baton/persistence';
import { DisplayNameField } from '../decorators/identity-fields.decorator';

export class CreateWorkspaceDto {
  @DisplayNameField('Research')
  name: string;
}

export class WorkspaceDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: Date;
}

/** A workspace the caller belongs to, with the caller's role there. */
export class WorkspaceMembershipDto extends WorkspaceDto {
  @ApiProperty({ enum: [...WORKSPACE_ROLES] })
  role: WorkspaceRole;
}
