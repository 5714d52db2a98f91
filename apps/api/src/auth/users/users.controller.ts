import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AuthenticatedApi } from '../decorators/authenticated-api.decorator';
import { CurrentPrincipal } from '../decorators/current-principal.decorator';
import { MinRole } from '../decorators/min-role.decorator';
import { UuidParam } from '../decorators/uuid-param.decorator';
import { ErrorResponseDto } from '../error-response.dto';
import type { Principal } from '../principal';
import { CreatedInvitationDto, InviteMemberDto } from '../invitations/invitation.dto';
import { InvitationsService } from '../invitations/invitations.service';
import { MemberDto } from './member.dto';
import { MembersService } from './members.service';

/** Members of the caller's workspace (users are installation-wide; memberships are per workspace). */
@ApiTags('users')
@AuthenticatedApi()
@ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid input; each message names the field' })
@Controller('users')
export class UsersController {
  constructor(
    private readonly members: MembersService,
    private readonly invitations: InvitationsService,
  ) {}

  @Post()
  @MinRole('owner')
  @ApiOperation({
    summary:
      'Add a member: creates an invitation (same as POST /api/invitations); the invitee sets their own password when accepting',
  })
  @ApiCreatedResponse({ type: CreatedInvitationDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Already a member' })
  add(@CurrentPrincipal() principal: Principal, @Body() body: InviteMemberDto): Promise<CreatedInvitationDto> {
    return this.invitations.invite(principal, body);
  }

  @Get()
  @ApiOperation({ summary: "The workspace's members and their roles" })
  @ApiOkResponse({ type: MemberDto, isArray: true })
  list(@CurrentPrincipal() principal: Principal): Promise<MemberDto[]> {
    return this.members.list(principal);
  }

  @Delete(':id')
  @MinRole('owner')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Remove a member from the workspace; their access ends immediately' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'Not a member of this workspace' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The last owner cannot be removed' })
  async remove(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string): Promise<void> {
    await this.members.remove(principal, id);
  }
}
