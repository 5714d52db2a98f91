import { SetMetadata } from '@nestjs/common';
import type { WorkspaceRole } from '@baton/persistence';

export const MIN_ROLE = 'baton:minRole';

/**
 * The least role an endpoint needs. Without it, AuthGuard requires `viewer` for GET/HEAD
 * and `editor` for every other method, so a new write endpoint is protected by default.
 */
export const MinRole = (role: WorkspaceRole) => SetMetadata(MIN_ROLE, role);
