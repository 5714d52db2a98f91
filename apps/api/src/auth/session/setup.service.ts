import { Injectable } from '@nestjs/common';
import { IdentityRepository } from '@baton/persistence';
import { randomUUID } from 'node:crypto';
import { DomainError } from '../../common/domain.error';
import { AccessTokenService } from '../access-token.service';
import { PasswordHasher } from '../password-hasher';

export interface FirstOwnerInput {
  email: string;
  password: string;
  name: string;
  workspaceName: string;
}

/** First-run setup: creates the installation's first user as owner of a new workspace, once. */
@Injectable()
export class SetupService {
  constructor(
    private readonly identity: IdentityRepository,
    private readonly passwords: PasswordHasher,
    private readonly tokens: AccessTokenService,
  ) {}

  async status(): Promise<{ setupRequired: boolean }> {
    return { setupRequired: !(await this.identity.hasAnyUser()) };
  }

  /** @throws DomainError SETUP_ALREADY_DONE once any user exists. */
  async setup(input: FirstOwnerInput): Promise<{ accessToken: string }> {
    const created = await this.createFirstOwner(input);
    if (!created) throw new DomainError('SETUP_ALREADY_DONE', 'Baton is already set up; sign in instead');
    return { accessToken: await this.tokens.issue({ ...created, role: 'owner' }) };
  }

  /**
   * Creates the owner and workspace, or returns null when a user already exists. Safe to call
   * from several requests or processes at once: the repository serialises them on an advisory lock.
   */
  async createFirstOwner(input: FirstOwnerInput): Promise<{ userId: string; workspaceId: string } | null> {
    // Cheap early exit so a repeated call (every restart of an unattended install) skips scrypt.
    if (await this.identity.hasAnyUser()) return null;
    const passwordHash = await this.passwords.hash(input.password);
    const userId = randomUUID();
    const workspaceId = randomUUID();
    const created = await this.identity.createFirstOwner(
      { id: userId, email: input.email, name: input.name, passwordHash },
      { id: workspaceId, name: input.workspaceName },
    );
    return created ? { userId, workspaceId } : null;
  }
}
