import type { DataSource, EntityManager } from 'typeorm';
import { ApiKeyEntity } from '../entities/api-key.entity';
import { MembershipEntity, type WorkspaceRole } from '../entities/membership.entity';

/**
 * Serialises "create the first owner" across every Baton process sharing the database
 * (setup endpoint and unattended install). Arbitrary, but distinct from the migration lock.
 */
const FIRST_OWNER_LOCK_KEY = 728_361_905;

export interface NewUser {
  id: string;
  /** Lower-cased by the repository as well, so no caller can store a mixed-case duplicate. */
  email: string;
  name: string;
  passwordHash: string;
}

export interface NewWorkspace {
  id: string;
  name: string;
}

export interface UserSummary {
  id: string;
  email: string;
  name: string;
}

export interface UserCredentials {
  id: string;
  passwordHash: string;
}

export interface WorkspaceSummary {
  id: string;
  name: string;
  createdAt: Date;
}

export interface WorkspaceWithRole extends WorkspaceSummary {
  role: WorkspaceRole;
}

export interface MembershipGrant {
  workspaceId: string;
  role: WorkspaceRole;
}

export interface WorkspaceMember {
  id: string;
  email: string;
  name: string;
  role: WorkspaceRole;
  joinedAt: Date;
}

export interface NewApiKey {
  id: string;
  workspaceId: string;
  createdBy: string;
  name: string;
  prefix: string;
  keyHash: string;
  role: WorkspaceRole;
}

export interface ApiKeySummary {
  id: string;
  name: string;
  prefix: string;
  role: WorkspaceRole;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** What an active API key grants, with its creator's current role so callers can cap the key's. */
export interface ApiKeyGrant {
  id: string;
  workspaceId: string;
  createdBy: string;
  role: WorkspaceRole;
  creatorRole: WorkspaceRole;
}

export type RemoveMemberOutcome = 'removed' | 'not-a-member' | 'last-owner';

/**
 * Users, workspaces, memberships and API keys. Returns plain objects, never entities.
 * Inside a transaction every statement goes through that transaction's manager: the embedded
 * PGlite database serves one statement at a time, so a pooled query would wait on the open
 * transaction forever.
 */
export class IdentityRepository {
  constructor(private readonly dataSource: DataSource) {}

  async hasAnyUser(): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query('SELECT 1 FROM users LIMIT 1');
    return rows.length > 0;
  }

  /**
   * Creates the first user as owner of a new workspace, unless any user exists already
   * (then returns false). Concurrent callers are serialised by a transaction-scoped advisory lock.
   */
  async createFirstOwner(user: NewUser, workspace: NewWorkspace): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [FIRST_OWNER_LOCK_KEY]);
      const existing: unknown[] = await manager.query('SELECT 1 FROM users LIMIT 1');
      if (existing.length > 0) return false;
      await insertWorkspace(manager, workspace);
      await insertUser(manager, user);
      await manager.query('UPDATE users SET installation_owner = true WHERE id = $1', [user.id]);
      await insertMembership(manager, workspace.id, user.id, 'owner');
      return true;
    });
  }

  async findCredentialsByEmail(email: string): Promise<UserCredentials | null> {
    const rows: Array<{ id: string; password_hash: string }> = await this.dataSource.query(
      'SELECT id, password_hash FROM users WHERE email = $1',
      [normaliseEmail(email)],
    );
    return rows[0] ? { id: rows[0].id, passwordHash: rows[0].password_hash } : null;
  }

  /** Whether the user set this installation up (the first owner); they decide who creates workspaces. */
  async isInstallationOwner(userId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query('SELECT 1 FROM users WHERE id = $1 AND installation_owner', [
      userId,
    ]);
    return rows.length > 0;
  }

  async updatePasswordHash(userId: string, passwordHash: string): Promise<void> {
    await this.dataSource.query('UPDATE users SET password_hash = $2 WHERE id = $1', [userId, passwordHash]);
  }

  async findUser(userId: string): Promise<UserSummary | null> {
    const rows: UserSummary[] = await this.dataSource.query('SELECT id, email, name FROM users WHERE id = $1', [
      userId,
    ]);
    return rows[0] ?? null;
  }

  async findWorkspace(workspaceId: string): Promise<WorkspaceSummary | null> {
    const rows: WorkspaceSummary[] = await this.dataSource.query(
      'SELECT id, name, created_at AS "createdAt" FROM workspaces WHERE id = $1',
      [workspaceId],
    );
    return rows[0] ?? null;
  }

  /** The user's current role in the workspace, or null when they are not (or no longer) a member. */
  /** The user's role in the workspace and the instant before which their access tokens are refused. */
  async findTokenAccess(
    userId: string,
    workspaceId: string,
  ): Promise<{ role: WorkspaceRole; tokensValidAfter: Date | null } | null> {
    const rows: Array<{ role: WorkspaceRole; tokensValidAfter: Date | null }> = await this.dataSource.query(
      `SELECT m.role, u.tokens_valid_after AS "tokensValidAfter"
       FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.user_id = $1 AND m.workspace_id = $2`,
      [userId, workspaceId],
    );
    return rows[0] ?? null;
  }

  /** Refuses every access token of the user issued before `at` (sign-out everywhere). */
  async revokeTokensBefore(userId: string, at: Date): Promise<void> {
    await this.dataSource.query('UPDATE users SET tokens_valid_after = $2 WHERE id = $1', [userId, at]);
  }

  async findPasswordHash(userId: string): Promise<string | null> {
    const rows: Array<{ password_hash: string }> = await this.dataSource.query(
      'SELECT password_hash FROM users WHERE id = $1',
      [userId],
    );
    return rows[0]?.password_hash ?? null;
  }

  async findRoleInWorkspace(userId: string, workspaceId: string): Promise<WorkspaceRole | null> {
    const rows: Array<{ role: WorkspaceRole }> = await this.dataSource.query(
      'SELECT role FROM memberships WHERE user_id = $1 AND workspace_id = $2',
      [userId, workspaceId],
    );
    return rows[0]?.role ?? null;
  }

  /** The workspace a login lands in when none is asked for: the user's first membership. */
  async findOldestMembership(userId: string): Promise<MembershipGrant | null> {
    const rows: MembershipGrant[] = await this.dataSource.query(
      `SELECT workspace_id AS "workspaceId", role FROM memberships
        WHERE user_id = $1 ORDER BY created_at, workspace_id LIMIT 1`,
      [userId],
    );
    return rows[0] ?? null;
  }

  async listWorkspacesOfUser(userId: string): Promise<WorkspaceWithRole[]> {
    return this.dataSource.query(
      `SELECT w.id, w.name, w.created_at AS "createdAt", m.role
         FROM memberships m JOIN workspaces w ON w.id = m.workspace_id
        WHERE m.user_id = $1 ORDER BY m.created_at, w.id`,
      [userId],
    );
  }

  async createWorkspaceOwnedBy(userId: string, workspace: NewWorkspace): Promise<WorkspaceSummary> {
    return this.dataSource.transaction(async (manager) => {
      const created = await insertWorkspace(manager, workspace);
      await insertMembership(manager, workspace.id, userId, 'owner');
      return created;
    });
  }

  async listMembers(workspaceId: string): Promise<WorkspaceMember[]> {
    return this.dataSource.query(
      `SELECT u.id, u.email, u.name, m.role, m.created_at AS "joinedAt"
         FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.workspace_id = $1 ORDER BY m.created_at, u.id`,
      [workspaceId],
    );
  }

  /** Removes a membership, refusing to remove the workspace's last owner (it could never be managed again). */
  async removeMember(workspaceId: string, userId: string): Promise<RemoveMemberOutcome> {
    return this.dataSource.transaction(async (manager) => {
      // Locking the owners' rows serialises concurrent removals, so two owners removing
      // each other cannot leave the workspace with none.
      const owners: Array<{ user_id: string }> = await manager.query(
        `SELECT user_id FROM memberships WHERE workspace_id = $1 AND role = 'owner' ORDER BY user_id FOR UPDATE`,
        [workspaceId],
      );
      const target: Array<{ role: WorkspaceRole }> = await manager.query(
        'SELECT role FROM memberships WHERE workspace_id = $1 AND user_id = $2 FOR UPDATE',
        [workspaceId, userId],
      );
      if (!target[0]) return 'not-a-member';
      if (target[0].role === 'owner' && owners.length <= 1) return 'last-owner';
      await manager.delete(MembershipEntity, { workspaceId, userId });
      return 'removed';
    });
  }

  async createApiKey(key: NewApiKey): Promise<ApiKeySummary> {
    const [row]: ApiKeySummary[] = await this.dataSource.query(
      `INSERT INTO api_keys (id, workspace_id, created_by, name, prefix, key_hash, role)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       RETURNING ${API_KEY_SUMMARY_COLUMNS}`,
      [key.id, key.workspaceId, key.createdBy, key.name, key.prefix, key.keyHash, key.role],
    );
    return row;
  }

  /** Every key of the workspace, revoked ones included (with revokedAt) so the list doubles as an audit trail. */
  async listApiKeys(workspaceId: string): Promise<ApiKeySummary[]> {
    return this.dataSource.query(
      `SELECT ${API_KEY_SUMMARY_COLUMNS} FROM api_keys WHERE workspace_id = $1 ORDER BY created_at, id`,
      [workspaceId],
    );
  }

  /** Revokes a key of this workspace (idempotent). Returns false when the workspace has no such key. */
  async revokeApiKey(workspaceId: string, keyId: string): Promise<boolean> {
    const exists: unknown[] = await this.dataSource.query(
      'SELECT 1 FROM api_keys WHERE id = $1 AND workspace_id = $2',
      [keyId, workspaceId],
    );
    if (!exists.length) return false;
    await this.dataSource
      .createQueryBuilder()
      .update(ApiKeyEntity)
      .set({ revokedAt: () => 'now()' })
      .where('id = :keyId AND workspace_id = :workspaceId AND revoked_at IS NULL', { keyId, workspaceId })
      .execute();
    return true;
  }

  /**
   * The grant of an unrevoked key whose creator is still a member of its workspace; null otherwise,
   * so removing a member also disables the keys they made.
   */
  async findActiveApiKeyGrant(keyHash: string): Promise<ApiKeyGrant | null> {
    const rows: ApiKeyGrant[] = await this.dataSource.query(
      `SELECT k.id, k.workspace_id AS "workspaceId", k.created_by AS "createdBy", k.role, m.role AS "creatorRole"
         FROM api_keys k
         JOIN memberships m ON m.workspace_id = k.workspace_id AND m.user_id = k.created_by
        WHERE k.key_hash = $1 AND k.revoked_at IS NULL`,
      [keyHash],
    );
    return rows[0] ?? null;
  }

  /** Stamps last_used_at at most once a minute, so busy keys do not cost a write per request. */
  async recordApiKeyUse(keyId: string): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .update(ApiKeyEntity)
      .set({ lastUsedAt: () => 'now()' })
      .where(`id = :keyId AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`, { keyId })
      .execute();
  }
}

const API_KEY_SUMMARY_COLUMNS = `id, name, prefix, role, created_at AS "createdAt", last_used_at AS "lastUsedAt", revoked_at AS "revokedAt"`;

function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

async function insertWorkspace(manager: EntityManager, workspace: NewWorkspace): Promise<WorkspaceSummary> {
  const [row]: WorkspaceSummary[] = await manager.query(
    'INSERT INTO workspaces (id, name) VALUES ($1, $2) RETURNING id, name, created_at AS "createdAt"',
    [workspace.id, workspace.name],
  );
  return row;
}

async function insertUser(manager: EntityManager, user: NewUser): Promise<void> {
  await manager.query('INSERT INTO users (id, email, name, password_hash) VALUES ($1, $2, $3, $4)', [
    user.id,
    normaliseEmail(user.email),
    user.name,
    user.passwordHash,
  ]);
}

async function insertMembership(
  manager: EntityManager,
  workspaceId: string,
  userId: string,
  role: WorkspaceRole,
): Promise<void> {
  await manager.query('INSERT INTO memberships (workspace_id, user_id, role) VALUES ($1, $2, $3)', [
    workspaceId,
    userId,
    role,
  ]);
}
