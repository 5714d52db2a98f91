import { Injectable } from '@nestjs/common';
import { IdentityRepository, type WorkspaceMember } from '@baton/persistence';
import { conflict, notFound } from '../../common/domain.error';
import type { Principal } from '../principal';

/** Who belongs to the caller's workspace. */
@Injectable()
export class MembersService {
  constructor(private readonly identity: IdentityRepository) {}

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
