import { Body, Controller, Delete, Get, Headers, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { AuthenticatedApi } from '../decorators/authenticated-api.decorator';
import { CurrentPrincipal } from '../decorators/current-principal.decorator';
import { MinRole } from '../decorators/min-role.decorator';
import { Public } from '../decorators/public.decorator';
import { UuidParam } from '../decorators/uuid-param.decorator';
import { ErrorResponseDto } from '../error-response.dto';
import type { Principal } from '../principal';
import type { CredentialHeaders } from '../principal-resolver.service';
import {
  AcceptedInvitationDto,
  AcceptInvitationDto,
  CreatedInvitationDto,
  InvitationDto,
  InviteMemberDto,
} from './invitation.dto';
import { InvitationsService } from './invitations.service';

/** Invitations into the caller's workspace (owners), and accepting one (the invitee). */
@ApiTags('users')
@ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid input; each message names the field' })
@Controller('invitations')
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Post()
  @AuthenticatedApi()
  @MinRole('owner')
  @ApiOperation({ summary: 'Invite someone by email; the single-use token and link are shown once' })
  @ApiCreatedResponse({ type: CreatedInvitationDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Already a member' })
  invite(@CurrentPrincipal() principal: Principal, @Body() body: InviteMemberDto): Promise<CreatedInvitationDto> {
    return this.invitations.invite(principal, body);
  }

  @Get()
  @AuthenticatedApi()
  @MinRole('owner')
  @ApiOperation({ summary: "The workspace's pending invitations" })
  @ApiOkResponse({ type: InvitationDto, isArray: true })
  list(@CurrentPrincipal() principal: Principal): Promise<InvitationDto[]> {
    return this.invitations.listPending(principal);
  }

  @Delete(':id')
  @AuthenticatedApi()
  @MinRole('owner')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Revoke a pending invitation' })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No pending invitation with this id' })
  async revoke(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string): Promise<void> {
    await this.invitations.revoke(principal, id);
  }

  @Public()
  @Post(':token/accept')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'Accept an invitation: new users give their own name and password; existing users accept signed in as themselves',
    // Credentials optional: a new user has none yet; an existing user's bearer token says who accepts.
    security: [{}, { bearer: [] }],
  })
  @ApiOkResponse({ type: AcceptedInvitationDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'Unknown, used, revoked or expired invitation' })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'The email has an account: sign in first' })
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'Signed in as another account' })
  accept(
    @Param('token') token: string,
    @Body() body: AcceptInvitationDto,
    @Headers() headers: CredentialHeaders,
  ): Promise<AcceptedInvitationDto> {
    return this.invitations.accept(token, body, headers);
  }
}
