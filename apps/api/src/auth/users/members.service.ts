import { Injectable } from '@nestjs/common';
import { IdentityRepository, type WorkspaceMember, type WorkspaceRole } from '@baton/persistence';
import { randomUUID } from 'node:crypto';
import { conflict, notFound } from '../../common/domain.error';
import { PasswordHasher } from '../password-hasher';
import type { Principal } from '../principal';

export interface NewMemberInput {
  email: string;
  name: string;
  password: string;
  role: WorkspaceRole;
}

/** Who belongs to the caller's workspace. */
@Injectable()
export class MembersService {
  constructor(
    private readonly identity: IdentityRepository,
    private readonly passwords: PasswordHasher,
  ) {}

  /** @throws DomainError CONFLICT when the user is already a member. */
  async add(principal: Principal, input: NewMemberInput): Promise<WorkspaceMember> {
    // Hashed even when the email already has an account (then unused), so the answer time
    // does not tell whether an account existed.
    const passwordHash = await this.passwords.hash(input.password);
    const member = await this.identity.addMember(
      principal.workspaceId,
      { id: randomUUID(), email: input.email, name: input.name, passwordHash },
      input.role,
    );
    if (!member) throw conflict(`${input.email} is already a member of this workspace`);
    return member;
  }

  list(principal: Principal): Promise<WorkspaceMember[]> {
    return this.identity.listMembers(principal.workspaceId);
  }

  /** Removes the membership (the user account stays). The last owner cannot be removed. */
  async remove(principal: Principal, userId: string): Promise<void> {
    const outcome = await this.identity.removeMember(principal.workspaceId, userId);
    if (outcome === 'not-a-member') throw notFound('Member', userId);
    if (outcome === 'last-owner') throw conflict('The last owner of a workspace cannot be removed');
  }
}
