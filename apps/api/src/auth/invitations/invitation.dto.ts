import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { WORKSPACE_ROLES, type WorkspaceRole } from '@baton/persistence';
import { IsOptional } from 'class-validator';
import { DisplayNameField, EmailField, NewPasswordField, RoleField } from '../decorators/identity-fields.decorator';

/** Invites someone to the caller's workspace. Nobody sets a password for someone else. */
export class InviteMemberDto {
  @EmailField()
  email: string;

  @RoleField()
  role: WorkspaceRole;
}

/** A pending invitation (the token is never shown again after creation). */
export class InvitationDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  email: string;

  @ApiProperty({ enum: [...WORKSPACE_ROLES] })
  role: WorkspaceRole;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The inviting user' })
  invitedBy: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: Date;

  @ApiProperty({ type: String, format: 'date-time' })
  expiresAt: Date;
}

/**
 * The created invitation with its single-use token, shown this once. The answer has the same
 * shape whether or not the email already has an account, so inviting reveals nothing about it.
 */
export class CreatedInvitationDto extends InvitationDto {
  @ApiProperty({ description: 'Single-use secret; hand it (or inviteUrl) to the invitee' })
  token: string;

  @ApiProperty({ example: '/invite/3q2-…', description: "The console's accept page, relative to Baton's origin" })
  inviteUrl: string;
}

/**
 * Accepting an invitation. New to Baton: give `name` and `password` (your own). Already have an
 * account with the invited email: send no password, signed in as that account (Authorization).
 */
export class AcceptInvitationDto {
  @IsOptional()
  @DisplayNameField('Grace Hopper')
  @ApiPropertyOptional()
  name?: string;

  @IsOptional()
  @NewPasswordField()
  @ApiPropertyOptional()
  password?: string;
}

export class AcceptedInvitationDto {
  @ApiProperty({ description: 'Access token for the workspace joined' })
  accessToken: string;

  @ApiProperty({ format: 'uuid' })
  workspaceId: string;

  @ApiProperty({ enum: [...WORKSPACE_ROLES] })
  role: WorkspaceRole;
}
