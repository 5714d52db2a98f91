import type { WorkspaceRole } from '@baton/persistence';

/** Who is calling: resolved by AuthGuard from a bearer JWT or an X-API-Key. */
export interface Principal {
  userId: string;
  workspaceId: string;
  role: WorkspaceRole;
  via: 'jwt' | 'apiKey';
}

const RANK: Record<WorkspaceRole, number> = { viewer: 0, editor: 1, owner: 2 };

/** Roles are ordered: an owner may do what an editor may, an editor what a viewer may. */
export function hasRole(principal: Pick<Principal, 'role'>, needed: WorkspaceRole): boolean {
  return RANK[principal.role] >= RANK[needed];
}
