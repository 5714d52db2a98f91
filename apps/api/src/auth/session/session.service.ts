import { Injectable } from '@nestjs/common';
import { IdentityRepository, type WorkspaceRole } from '@baton/persistence';
import { DomainError, forbidden, notFound } from '../../common/domain.error';
import { AccessTokenService } from '../access-token.service';
import { PasswordHasher } from '../password-hasher';
import type { Principal } from '../principal';

export interface LoginInput {
  email: string;
  password: string;
  workspaceId?: string;
}

export interface Me {
  user: { id: string; email: string; name: string };
  workspace: { id: string; name: string };
  role: WorkspaceRole;
}

// One message for an unknown email and a wrong password, so logins do not reveal who has an account.
const BAD_CREDENTIALS = 'Invalid email or password';

/** Signing in, and describing the signed-in caller. */
@Injectable()
export class SessionService {
  constructor(
    private readonly identity: IdentityRepository,
    private readonly passwords: PasswordHasher,
    private readonly tokens: AccessTokenService,
  ) {}

  async login(input: LoginInput): Promise<{ accessToken: string }> {
    const credentials = await this.identity.findCredentialsByEmail(input.email);
    if (!credentials) {
      await this.passwords.burnVerification(input.password);
      throw new DomainError('UNAUTHENTICATED', BAD_CREDENTIALS);
    }
    if (!(await this.passwords.verify(input.password, credentials.passwordHash))) {
      throw new DomainError('UNAUTHENTICATED', BAD_CREDENTIALS);
    }
    const membership = input.workspaceId
      ? await this.membershipIn(credentials.id, input.workspaceId)
      : await this.identity.findOldestMembership(credentials.id);
    if (!membership) throw forbidden('You are not a member of any workspace');
    return { accessToken: await this.tokens.issue({ userId: credentials.id, ...membership }) };
  }

  async describe(principal: Principal): Promise<Me> {
    const [user, workspace] = await Promise.all([
      this.identity.findUser(principal.userId),
      this.identity.findWorkspace(principal.workspaceId),
    ]);
    if (!user) throw notFound('User', principal.userId);
    if (!workspace) throw notFound('Workspace', principal.workspaceId);
    return {
      user: { id: user.id, email: user.email, name: user.name },
      workspace: { id: workspace.id, name: workspace.name },
      role: principal.role,
    };
  }

  private async membershipIn(
    userId: string,
    workspaceId: string,
  ): Promise<{ workspaceId: string; role: WorkspaceRole }> {
    const role = await this.identity.findRoleInWorkspace(userId, workspaceId);
    if (!role) throw forbidden(`You are not a member of workspace ${workspaceId}`);
    return { workspaceId, role };
  }
}
