import type { DataSource } from 'typeorm';
import type { WorkspaceRole } from '../entities/membership.entity';

export interface NewInvitation {
  id: string;
  workspaceId: string;
  email: string;
  role: WorkspaceRole;
  tokenHash: string;
  invitedBy: string;
  expiresAt: Date;
}

/** A pending invitation as its workspace's owners see it (never the token). */
export interface InvitationSummary {
  id: string;
  email: string;
  role: WorkspaceRole;
  invitedBy: string | null;
  createdAt: Date;
  expiresAt: Date;
}

/** Who accepts: the signed-in account, or a new account's name and password hash. */
export type InvitationAcceptor =
  { signedInUserId: string } | { newUser: { id: string; name: string; passwordHash: string } };

export type AcceptOutcome =
  | { outcome: 'accepted'; userId: string; workspaceId: string; role: WorkspaceRole }
  | { outcome: 'not-found' }
  /** The email has an account: its owner must sign in and accept as themselves. */
  | { outcome: 'sign-in-required' }
  /** The signed-in account is not the one invited. */
  | { outcome: 'wrong-account' };

const SUMMARY_COLUMNS = `id, email, role, invited_by AS "invitedBy", created_at AS "createdAt", expires_at AS "expiresAt"`;

/** Invitations to workspaces: single-use, expiring, stored as the token's hash. */
export class InvitationRepository {
  constructor(private readonly dataSource: DataSource) {}

  async create(invitation: NewInvitation): Promise<InvitationSummary> {
    const [row]: InvitationSummary[] = await this.dataSource.query(
      `INSERT INTO invitations (id, workspace_id, email, role, token_hash, invited_by, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${SUMMARY_COLUMNS}`,
      [
        invitation.id,
        invitation.workspaceId,
        invitation.email.toLowerCase(),
        invitation.role,
        invitation.tokenHash,
        invitation.invitedBy,
        invitation.expiresAt,
      ],
    );
    return row;
  }

  /** Whether the workspace already has a member with this email. */
  async isMemberEmail(workspaceId: string, email: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.workspace_id = $1 AND u.email = $2`,
      [workspaceId, email.toLowerCase()],
    );
    return rows.length > 0;
  }

  async listPending(workspaceId: string, now: Date): Promise<InvitationSummary[]> {
    return this.dataSource.query(
      `SELECT ${SUMMARY_COLUMNS} FROM invitations
       WHERE workspace_id = $1 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > $2
       ORDER BY created_at DESC, id`,
      [workspaceId, now],
    );
  }

  /** Revokes a pending invitation; false when there is none with this id in the workspace. */
  async revoke(workspaceId: string, id: string, now: Date): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `UPDATE invitations SET revoked_at = $3
       WHERE workspace_id = $1 AND id = $2 AND accepted_at IS NULL AND revoked_at IS NULL RETURNING id`,
      [workspaceId, id, now],
    );
    return rows.length > 0;
  }

  /**
   * Accepts a pending, unexpired invitation once: the row is locked, so two concurrent accepts of
   * one token cannot both succeed. An existing account only ever joins when it accepts itself.
   */
  async accept(tokenHash: string, acceptor: InvitationAcceptor, now: Date): Promise<AcceptOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const [invitation]: Array<{ id: string; workspaceId: string; email: string; role: WorkspaceRole }> =
        await manager.query(
          `SELECT id, workspace_id AS "workspaceId", email, role FROM invitations
           WHERE token_hash = $1 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > $2
           FOR UPDATE`,
          [tokenHash, now],
        );
      if (!invitation) return { outcome: 'not-found' };
      const [existing]: Array<{ id: string }> = await manager.query('SELECT id FROM users WHERE email = $1', [
        invitation.email,
      ]);
      let userId: string;
      if ('signedInUserId' in acceptor) {
        if (!existing || existing.id !== acceptor.signedInUserId) return { outcome: 'wrong-account' };
        userId = existing.id;
      } else {
        if (existing) return { outcome: 'sign-in-required' };
        userId = acceptor.newUser.id;
        await manager.query('INSERT INTO users (id, email, name, password_hash) VALUES ($1, $2, $3, $4)', [
          userId,
          invitation.email,
          acceptor.newUser.name,
          acceptor.newUser.passwordHash,
        ]);
      }
      await manager.query(
        `INSERT INTO memberships (workspace_id, user_id, role) VALUES ($1, $2, $3)
         ON CONFLICT (workspace_id, user_id) DO NOTHING`,
        [invitation.workspaceId, userId, invitation.role],
      );
      await manager.query('UPDATE invitations SET accepted_at = $2, accepted_by = $3 WHERE id = $1', [
        invitation.id,
        now,
        userId,
      ]);
      return { outcome: 'accepted', userId, workspaceId: invitation.workspaceId, role: invitation.role };
    });
  }
}
