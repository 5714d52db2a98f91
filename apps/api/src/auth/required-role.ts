import type { WorkspaceRole } from '@baton/persistence';

const READ_METHODS = new Set(['GET', 'HEAD']);

/**
 * The least role a request needs: the endpoint's @MinRole when it has one, otherwise `viewer`
 * for reads and `editor` for everything else, so a new write endpoint is never open to viewers
 * by accident.
 */
export function requiredRole(method: string, minRole: WorkspaceRole | undefined): WorkspaceRole {
  if (minRole) return minRole;
  return READ_METHODS.has(method.toUpperCase()) ? 'viewer' : 'editor';
}
