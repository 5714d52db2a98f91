import { Injectable } from '@nestjs/common';
import { IdentityRepository, type WorkspaceRole } from '@baton/persistence';
import { DomainError, forbidden, notFound } from '../../common/domain.error';
import { AccessTokenService } from '../access-token.service';
import { PasswordHasher } from '../password-hasher';
import { LoginThrottle } from './login-throttle.service';
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
    private readonly throttle: LoginThrottle,
  ) {}

  /** `address`: the client's, for throttling guesses from one place across accounts. */
  async login(input: LoginInput, address = 'unknown'): Promise<{ accessToken: string }> {
    const now = new Date();
    await this.throttle.assertAllowed(input.email, address, now);
    const credentials = await this.identity.findCredentialsByEmail(input.email);
    if (!credentials) {
      await this.passwords.burnVerification(input.password);
      await this.throttle.recordFailure(input.email, address, now);
      throw new DomainError('UNAUTHENTICATED', BAD_CREDENTIALS);
    }
    if (!(await this.passwords.verify(input.password, credentials.passwordHash))) {
      await this.throttle.recordFailure(input.email, address, now);
      throw new DomainError('UNAUTHENTICATED', BAD_CREDENTIALS);
    }
    await this.throttle.recordSuccess(input.email);
    // Hashes made with an older, cheaper cost are upgraded while the password is at hand.
    if (this.passwords.needsRehash(credentials.passwordHash))
      await this.identity.updatePasswordHash(credentials.id, await this.passwords.hash(input.password));
    const membership = input.workspaceId
      ? await this.membershipIn(credentials.id, input.workspaceId)
      : await this.identity.findOldestMembership(credentials.id);
    if (!membership) throw forbidden('You are not a member of any workspace');
    return { accessToken: await this.tokens.issue({ userId: credentials.id, ...membership }) };
  }

  /** Signs the user out everywhere: every access token issued so far is refused from now on. */
  async logout(principal: Principal): Promise<void> {
    if (principal.via !== 'jwt') throw forbidden('Sign-out ends user sessions; revoke an API key instead');
    await this.identity.revokeTokensBefore(principal.userId, new Date());
  }

  /**
   * Changes the caller's own password; every other session ends, and the answer is a fresh
   * token for this one. @throws DomainError UNAUTHENTICATED when the current password is wrong.
   */
  async changePassword(
    principal: Principal,
    input: { currentPassword: string; newPassword: string },
  ): Promise<{ accessToken: string }> {
    if (principal.via !== 'jwt') throw forbidden('Passwords are changed signed in as the user, not with an API key');
    const stored = await this.identity.findPasswordHash(principal.userId);
    if (!stored || !(await this.passwords.verify(input.currentPassword, stored)))
      throw new DomainError('UNAUTHENTICATED', 'The current password is not correct');
    await this.identity.updatePasswordHash(principal.userId, await this.passwords.hash(input.newPassword));
    await this.identity.revokeTokensBefore(principal.userId, new Date());
    // Issued after the revocation instant (a later millisecond), so it stays valid.
    await new Promise((resolve) => setTimeout(resolve, 2));
    return { accessToken: await this.tokens.issue(principal) };
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
