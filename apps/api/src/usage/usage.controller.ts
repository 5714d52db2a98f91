import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedApi } from '../auth/decorators/authenticated-api.decorator';
import { CurrentPrincipal } from '../auth/decorators/current-principal.decorator';
import { MinRole } from '../auth/decorators/min-role.decorator';
import { UuidParam } from '../auth/decorators/uuid-param.decorator';
import { ErrorResponseDto } from '../auth/error-response.dto';
import type { Principal } from '../auth/principal';
import { UsageReportDto } from './dto/usage-report.dto';
import { UsageQueryDto } from './dto/usage.query.dto';
import { UpdateWorkspaceLimitsDto, WorkspaceLimitsDto } from './dto/workspace-limits.dto';
import { UsageService } from './usage.service';

@ApiTags('usage')
@AuthenticatedApi()
@Controller()
export class UsageController {
  constructor(private readonly usage: UsageService) {}

  @Get('usage')
  @ApiOperation({ summary: "Credits the workspace's steps cost in a window, grouped by workflow, node type or day" })
  @ApiOkResponse({ type: UsageReportDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid query; the message names the parameter' })
  report(@CurrentPrincipal() principal: Principal, @Query() query: UsageQueryDto): Promise<UsageReportDto> {
    return this.usage.report(principal, query);
  }

  @Get('workspaces/:id/limits')
  @ApiOperation({ summary: "The workspace's monthly credit limit and what this month used of it" })
  @ApiOkResponse({ type: WorkspaceLimitsDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'Not the workspace of this session' })
  getLimits(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string): Promise<WorkspaceLimitsDto> {
    return this.usage.getLimits(principal, id);
  }

  @Put('workspaces/:id/limits')
  @MinRole('owner')
  @ApiOperation({
    summary:
      'Sets the monthly credit limit (owners only); starts that would pass it are refused with 402 CREDIT_LIMIT_REACHED',
  })
  @ApiOkResponse({ type: WorkspaceLimitsDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid body; the message names the field' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'Not the workspace of this session' })
  setLimits(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
    @Body() body: UpdateWorkspaceLimitsDto,
  ): Promise<WorkspaceLimitsDto> {
    return this.usage.setLimits(principal, id, body.monthlyCredits);
  }
}
