import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { AuthenticatedApi } from '../auth/decorators/authenticated-api.decorator';
import { CurrentPrincipal } from '../auth/decorators/current-principal.decorator';
import { Public } from '../auth/decorators/public.decorator';
import { UuidParam } from '../auth/decorators/uuid-param.decorator';
import { ErrorResponseDto } from '../auth/error-response.dto';
import type { Principal } from '../auth/principal';
import { type OriginRequest, requestOrigin } from '../triggers/request-origin';
import { ArtifactsService } from './artifacts.service';
import { ArtifactDto, ArtifactLinkDto, CreateArtifactLinkDto } from './dto/artifact.dto';
import { type ArtifactResponse, sendArtifact } from './send-artifact';

const ANY_BYTES = { '*/*': { schema: { type: 'string', format: 'binary' } } };

@ApiTags('artifacts')
@AuthenticatedApi()
@Controller()
export class ArtifactsController {
  constructor(private readonly artifacts: ArtifactsService) {}

  @Get('executions/:id/artifacts')
  @ApiOperation({ summary: "An execution's artifacts (files its steps stored), oldest first" })
  @ApiOkResponse({ type: [ArtifactDto] })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such execution in this workspace' })
  list(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string): Promise<ArtifactDto[]> {
    return this.artifacts.listForExecution(principal, id);
  }

  @Get('artifacts/:id')
  @ApiOperation({
    summary:
      "An artifact's bytes, streamed with its Content-Type; served under a CSP sandbox so HTML cannot run script",
  })
  @ApiQuery({ name: 'download', required: false, enum: ['1'], description: 'Ask for an attachment even for HTML' })
  @ApiOkResponse({ description: 'The bytes', content: ANY_BYTES })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such artifact in this workspace' })
  async download(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
    @Query('download') download: string | undefined,
    @Res() response: ArtifactResponse,
  ): Promise<void> {
    await sendArtifact(response, await this.artifacts.open(principal, id), download === '1');
  }

  @Post('artifacts/:id/links')
  @HttpCode(201)
  @ApiOperation({ summary: 'A signed link that opens the artifact without signing in, until it expires' })
  @ApiCreatedResponse({ type: ArtifactLinkDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such artifact in this workspace' })
  async createLink(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
    @Body() dto: CreateArtifactLinkDto,
    @Req() request: OriginRequest,
  ): Promise<ArtifactLinkDto> {
    const link = await this.artifacts.createLink(principal, id, dto.expiresInSeconds);
    return {
      url: `${requestOrigin(request)}/api/artifact-links/${link.token}`,
      expiresAt: link.expiresAt.toISOString(),
    };
  }
}

/** Signed links: no login, the token in the URL is the only key and it names one artifact. */
@ApiTags('artifacts')
@Public()
@Controller('artifact-links')
export class ArtifactLinksController {
  constructor(private readonly artifacts: ArtifactsService) {}

  @Get(':token')
  @ApiOperation({ summary: 'The artifact a signed link opens (no login)', security: [] })
  @ApiQuery({ name: 'download', required: false, enum: ['1'], description: 'Ask for an attachment even for HTML' })
  @ApiOkResponse({ description: 'The bytes', content: ANY_BYTES })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'The link has expired' })
  @ApiForbiddenResponse({
    type: ErrorResponseDto,
    description: 'The link is malformed or its signature does not match',
  })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'The artifact no longer exists' })
  async open(
    @Param('token') token: string,
    @Query('download') download: string | undefined,
    @Res() response: ArtifactResponse,
  ): Promise<void> {
    await sendArtifact(response, await this.artifacts.openByLink(token), download === '1');
  }
}
