import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
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
import { ApiKeyDto, CreateApiKeyDto, CreatedApiKeyDto } from './api-key.dto';
import { ApiKeysService } from './api-keys.service';

// Every route is owner-only: key names, prefixes and usage are administrative information,
// and revoking a key can break someone's integration.
@ApiTags('api-keys')
@AuthenticatedApi()
@ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid input; each message names the field' })
@MinRole('owner')
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Post()
  @ApiOperation({ summary: 'Create an API key for this workspace; the key is in this response only' })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    const { id, name, prefix, role, createdAt, key } = await this.apiKeys.create(principal, body.name, body.role);
    return { id, name, prefix, role, createdAt, key };
  }

  @Get()
  @ApiOperation({ summary: "The workspace's API keys, revoked ones included (never the key or its hash)" })
  @ApiOkResponse({ type: ApiKeyDto, isArray: true })
  list(@CurrentPrincipal() principal: Principal): Promise<ApiKeyDto[]> {
    return this.apiKeys.list(principal);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Revoke an API key; requests with it are refused (401) from now on' })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such key in this workspace' })
  async revoke(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string): Promise<void> {
    await this.apiKeys.revoke(principal, id);
  }
}
