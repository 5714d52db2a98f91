import { Inject, Injectable } from '@nestjs/common';
import { InvitationRepository, type InvitationSummary } from '@baton/persistence';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { BATON_CONFIG } from '../../config/baton-config.token';
import type { BatonConfig } from '../../config/baton-config';
import { conflict, DomainError, forbidden, notFound, validationFailed } from '../../common/domain.error';
import { AccessTokenService } from '../access-token.service';
import { PasswordHasher } from '../password-hasher';
import type { Principal } from '../principal';
import { PrincipalResolver, type CredentialHeaders } from '../principal-resolver.service';
import type {
  AcceptInvitationDto,
  AcceptedInvitationDto,
  CreatedInvitationDto,
  InviteMemberDto,
} from './invitation.dto';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Inviting people into a workspace, and accepting: the invitee always proves who they are. */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly invitations: InvitationRepository,
    private readonly passwords: PasswordHasher,
    private readonly tokens: AccessTokenService,
    private readonly principals: PrincipalResolver,
    @Inject(BATON_CONFIG) private readonly config: BatonConfig,
  ) {}

  /** @throws DomainError CONFLICT when the email already belongs to a member of this workspace. */
  async invite(principal: Principal, input: InviteMemberDto): Promise<CreatedInvitationDto> {
    // Members are listed to owners anyway; whether the email has an account elsewhere is never told.
    if (await this.invitations.isMemberEmail(principal.workspaceId, input.email))
      throw conflict(`${input.email} is already a member of this workspace`);
    const token = randomBytes(32).toString('base64url');
    const created = await this.invitations.create({
      id: randomUUID(),
      workspaceId: principal.workspaceId,
      email: input.email,
      role: input.role,
      tokenHash: hashToken(token),
      invitedBy: principal.userId,
      expiresAt: new Date(Date.now() + this.config.invitationTtlHours * 3600_000),
    });
    return { ...created, token, inviteUrl: `/invite/${token}` };
  }

  listPending(principal: Principal): Promise<InvitationSummary[]> {
    return this.invitations.listPending(principal.workspaceId, new Date());
  }

  async revoke(principal: Principal, id: string): Promise<void> {
    if (!(await this.invitations.revoke(principal.workspaceId, id, new Date()))) throw notFound('Invitation', id);
  }

  /**
   * Signed in (credentials in `headers`): the signed-in account joins, if it is the invited one.
   * Not signed in: a new account is created with the invitee's own name and password, unless the
   * email already has an account, whose owner must sign in first.
   */
  async accept(token: string, input: AcceptInvitationDto, headers: CredentialHeaders): Promise<AcceptedInvitationDto> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw notFound('Invitation', 'token');
    const signedIn = headers['authorization'] || headers['x-api-key'] ? await this.principals.resolve(headers) : null;
    if (signedIn && signedIn.via !== 'jwt')
      throw forbidden('Accept invitations signed in as a user, not with an API key');
    if (!signedIn && (!input.password || !input.name))
      throw validationFailed('password and name are required to create your account (or sign in and accept)');
    const acceptor = signedIn
      ? { signedInUserId: signedIn.userId }
      : { newUser: { id: randomUUID(), name: input.name!, passwordHash: await this.passwords.hash(input.password!) } };
    const result = await this.invitations.accept(hashToken(token), acceptor, new Date());
    switch (result.outcome) {
      case 'accepted':
        return {
          accessToken: await this.tokens.issue(result),
          workspaceId: result.workspaceId,
          role: result.role,
        };
      case 'not-found':
        throw new DomainError('NOT_FOUND', 'This invitation does not exist, was used, revoked, or has expired');
      case 'sign-in-required':
        throw new DomainError('UNAUTHENTICATED', 'Sign in with the invited email address, then accept the invitation');
      case 'wrong-account':
        throw forbidden('This invitation is for another email address');
    }
  }
}
