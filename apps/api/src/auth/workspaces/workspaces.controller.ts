import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedApi } from '../decorators/authenticated-api.decorator';
import { CurrentPrincipal } from '../decorators/current-principal.decorator';
import { MinRole } from '../decorators/min-role.decorator';
import { ErrorResponseDto } from '../error-response.dto';
import type { Principal } from '../principal';
import { CreateWorkspaceDto, WorkspaceDto, WorkspaceMembershipDto } from './workspace.dto';
import { WorkspacesService } from './workspaces.service';

@ApiTags('workspaces')
@AuthenticatedApi()
@Controller('workspaces')
export class WorkspacesController {
  constructor(private readonly workspaces: WorkspacesService) {}

  @Post()
  // Founding a workspace does not act on the current one, so the current role does not matter.
  @MinRole('viewer')
  @ApiOperation({ summary: 'Create a workspace; the caller (signed in with a JWT) becomes its owner' })
  @ApiCreatedResponse({ type: WorkspaceDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid input; each message names the field' })
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateWorkspaceDto): Promise<WorkspaceDto> {
    const { id, name, createdAt } = await this.workspaces.create(principal, body.name);
    return { id, name, createdAt };
  }

  @Get()
  @ApiOperation({ summary: "The caller's workspaces and their role in each" })
  @ApiOkResponse({ type: WorkspaceMembershipDto, isArray: true })
  list(@CurrentPrincipal() principal: Principal): Promise<WorkspaceMembershipDto[]> {
    return this.workspaces.listFor(principal);
  }
}
