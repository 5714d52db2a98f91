import { ApiProperty } from '@nestjs/swagger';
import { WORKSPACE_ROLES, type WorkspaceRole } from '@baton/persistence';

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
