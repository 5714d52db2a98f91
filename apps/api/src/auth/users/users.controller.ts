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
import { AddMemberDto, MemberDto } from './member.dto';
import { MembersService } from './members.service';

/** Members of the caller's workspace (users are installation-wide; memberships are per workspace). */
@ApiTags('users')
@AuthenticatedApi()
@ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid input; each message names the field' })
@Controller('users')
export class UsersController {
  constructor(private readonly members: MembersService) {}

  @Post()
  @MinRole('owner')
  @ApiOperation({
    summary: 'Add a user to the workspace (an existing account with this email just gains the membership)',
  })
  @ApiCreatedResponse({ type: MemberDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Already a member' })
  add(@CurrentPrincipal() principal: Principal, @Body() body: AddMemberDto): Promise<MemberDto> {
    return this.members.add(principal, body);
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
