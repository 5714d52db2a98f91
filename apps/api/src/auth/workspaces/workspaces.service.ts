import { Inject, Injectable } from '@nestjs/common';
import { IdentityRepository, type WorkspaceSummary, type WorkspaceWithRole } from '@baton/persistence';
import { randomUUID } from 'node:crypto';
import { forbidden, notFound } from '../../common/domain.error';
import type { BatonConfig } from '../../config/baton-config';
import { BATON_CONFIG } from '../../config/baton-config.token';
import type { Principal } from '../principal';

/** Workspaces as seen by their members. */
@Injectable()
export class WorkspacesService {
  constructor(
    private readonly identity: IdentityRepository,
    @Inject(BATON_CONFIG) private readonly config: BatonConfig,
  ) {}

  /**
   * The installation owner starts workspaces (and becomes their owner); other users only when the
   * operator allows it (BATON_MEMBERS_CREATE_WORKSPACES): owning a workspace of one's own must not
   * be a step any signed-in viewer can take on the way to someone else's data.
   */
  async create(principal: Principal, name: string): Promise<WorkspaceSummary> {
    // An API key belongs to one workspace; letting it found others would hand its holder
    // owner rights that outlive the key.
    if (principal.via !== 'jwt') throw forbidden('Workspaces can only be created by a signed-in user, not an API key');
    if (!this.config.membersMayCreateWorkspaces && !(await this.identity.isInstallationOwner(principal.userId)))
      throw forbidden('Only the installation owner may create workspaces on this installation');
    return this.identity.createWorkspaceOwnedBy(principal.userId, { id: randomUUID(), name });
  }

  /** The caller's workspaces with their role; an API key sees only its own workspace. */
  async listFor(principal: Principal): Promise<WorkspaceWithRole[]> {
    if (principal.via === 'jwt') return this.identity.listWorkspacesOfUser(principal.userId);
    const workspace = await this.identity.findWorkspace(principal.workspaceId);
    if (!workspace) throw notFound('Workspace', principal.workspaceId);
    return [{ ...workspace, role: principal.role }];
  }
}
