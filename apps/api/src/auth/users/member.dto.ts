import { ApiProperty } from '@nestjs/swagger';
import { WORKSPACE_ROLES, type WorkspaceRole } from '@baton/persistence';
import { DisplayNameField, EmailField, NewPasswordField, RoleField } from '../decorators/identity-fields.decorator';

/**
 * Adds someone to the caller's workspace. When a user with this email already exists, only the
 * membership is created: their name and password are left as they are.
 */
export class AddMemberDto {
  @EmailField()
  email: string;

  @DisplayNameField('Grace Hopper')
  name: string;

  @NewPasswordField()
  password: string;

  @RoleField()
  role: WorkspaceRole;
}

/** A member of the workspace (never includes the password hash). */
export class MemberDto {
  @ApiProperty({ format: 'uuid', description: 'The user id' })
  id: string;

  @ApiProperty()
  email: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ enum: [...WORKSPACE_ROLES] })
  role: WorkspaceRole;

  @ApiProperty({ type: String, format: 'date-time' })
  joinedAt: Date;
}
