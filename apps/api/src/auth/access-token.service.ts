import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { WorkspaceRole } from '@baton/persistence';

/** The claims Baton puts in an access token. `role` is informative: the guard re-reads the membership. */
export interface AccessTokenClaims {
  sub: string;
  wid: string;
  role: WorkspaceRole;
  /** Issue time in ms (JWT's `iat` has whole seconds): compared with the user's revocation instant. */
  iatMs: number;
}

export interface AccessTokenSubject {
  userId: string;
  workspaceId: string;
  role: WorkspaceRole;
}

/** Issues and checks the HS256 JWTs returned by setup and login (secret and TTL set in AuthModule). */
@Injectable()
export class AccessTokenService {
  constructor(private readonly jwt: JwtService) {}

  issue(subject: AccessTokenSubject): Promise<string> {
    const claims: AccessTokenClaims = {
      sub: subject.userId,
      wid: subject.workspaceId,
      role: subject.role,
      iatMs: Date.now(),
    };
    return this.jwt.signAsync(claims);
  }

  /** The token's user and workspace, or null when it is malformed, forged or expired. */
  async verify(token: string): Promise<{ userId: string; workspaceId: string; issuedAtMs: number } | null> {
    try {
      const claims = await this.jwt.verifyAsync<Partial<AccessTokenClaims> & { iat?: number }>(token);
      if (typeof claims.sub !== 'string' || typeof claims.wid !== 'string') return null;
      const issuedAtMs = typeof claims.iatMs === 'number' ? claims.iatMs : (claims.iat ?? 0) * 1000;
      return { userId: claims.sub, workspaceId: claims.wid, issuedAtMs };
    } catch {
      return null;
    }
  }
}
