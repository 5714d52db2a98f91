import { Injectable, Logger } from '@nestjs/common';
import { IdentityRepository } from '@baton/persistence';
import { DomainError } from '../common/domain.error';
import { AccessTokenService } from './access-token.service';
import { hashApiKey, looksLikeApiKey } from './generate-api-key';
import { hasRole, type Principal } from './principal';

/** Header values as Node parses them (a repeated header arrives as an array). */
export type CredentialHeaders = Record<string, string | string[] | undefined>;

// Both ids are uuid columns; checking the shape first keeps a forged token from reaching
// PostgreSQL as a malformed uuid (which would surface as a 400 instead of a 401).
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Turns request credentials (a bearer JWT or an X-API-Key) into a Principal, re-reading the
 * membership every time so a removed or demoted member is affected at once. Exported for
 * transports that authenticate outside the HTTP guard (e.g. a WebSocket handshake).
 */
@Injectable()
export class PrincipalResolver {
  private readonly logger = new Logger(PrincipalResolver.name);

  constructor(
    private readonly tokens: AccessTokenService,
    private readonly identity: IdentityRepository,
  ) {}

  /** @throws DomainError UNAUTHENTICATED when the credentials are missing or no longer valid. */
  async resolve(headers: CredentialHeaders): Promise<Principal> {
    const authorization = single(headers['authorization']);
    if (authorization !== undefined) return this.fromBearer(authorization);
    const apiKey = single(headers['x-api-key']);
    if (apiKey !== undefined) return this.fromApiKey(apiKey.trim());
    throw unauthenticated('Authentication required: send "Authorization: Bearer <token>" or "X-API-Key: <key>"');
  }

  private async fromBearer(authorization: string): Promise<Principal> {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match) throw unauthenticated('The Authorization header must be "Bearer <token>"');
    const subject = await this.tokens.verify(match[1]);
    if (!subject || !UUID.test(subject.userId) || !UUID.test(subject.workspaceId)) {
      throw unauthenticated('Invalid or expired access token');
    }
    const access = await this.identity.findTokenAccess(subject.userId, subject.workspaceId);
    if (!access) throw unauthenticated('This access token is no longer valid for its workspace');
    if (access.tokensValidAfter && subject.issuedAtMs < access.tokensValidAfter.getTime())
      throw unauthenticated('This access token was signed out; sign in again');
    return { userId: subject.userId, workspaceId: subject.workspaceId, role: access.role, via: 'jwt' };
  }

  private async fromApiKey(key: string): Promise<Principal> {
    if (!looksLikeApiKey(key)) throw unauthenticated('Invalid or revoked API key');
    const grant = await this.identity.findActiveApiKeyGrant(hashApiKey(key));
    if (!grant) throw unauthenticated('Invalid or revoked API key');
    this.identity.recordApiKeyUse(grant.id).catch((error: unknown) => {
      // Bookkeeping only: a failed stamp must not fail the request it describes.
      this.logger.warn(`Could not record use of API key ${grant.id}: ${String(error)}`);
    });
    // A key never grants more than its creator currently holds, so demoting an owner
    // also demotes the keys they made.
    const role = hasRole({ role: grant.creatorRole }, grant.role) ? grant.role : grant.creatorRole;
    return { userId: grant.createdBy, workspaceId: grant.workspaceId, role, via: 'apiKey' };
  }
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function unauthenticated(message: string): DomainError {
  return new DomainError('UNAUTHENTICATED', message);
}
