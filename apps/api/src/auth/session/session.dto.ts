import { ApiProperty } from '@nestjs/swagger';
import { WORKSPACE_ROLES, type WorkspaceRole } from '@baton/persistence';

export class AccessTokenDto {
  @ApiProperty({
    description: 'JWT for "Authorization: Bearer <token>"; claims sub (user id), wid (workspace id), role',
  })
  accessToken: string;
}

export class SetupStatusDto {
  @ApiProperty({ description: 'True until the first user exists (then POST /api/auth/setup answers 409)' })
  setupRequired: boolean;
}

export class MeUserDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  email: string;

  @ApiProperty()
  name: string;
}

export class MeWorkspaceDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;
}

/** The caller: for an API key, the user is the key's creator and the role is the key's. */
export class MeDto {
  @ApiProperty({ type: MeUserDto })
  user: MeUserDto;

  @ApiProperty({ type: MeWorkspaceDto })
  workspace: MeWorkspaceDto;

  @ApiProperty({ enum: [...WORKSPACE_ROLES] })
  role: WorkspaceRole;
}
