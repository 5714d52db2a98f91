import { Body, Controller, Delete, Get, HttpCode, Post, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { AuthenticatedApi } from '../auth/decorators/authenticated-api.decorator';
import { CurrentPrincipal } from '../auth/decorators/current-principal.decorator';
import { UuidParam } from '../auth/decorators/uuid-param.decorator';
import type { Principal } from '../auth/principal';
import { toCredentialDto, toCredentialTypeDtos } from './credential-response.mapper';
import { CreateCredentialDto, CredentialDto, CredentialTypeDto, UpdateCredentialDto } from './credential.dto';
import { CredentialsService } from './credentials.service';

// Writes need `editor` (AuthGuard's default for non-GET methods); reads are open to viewers,
// who get names and kinds only (credential-response.mapper.ts).
@ApiTags('credentials')
@AuthenticatedApi()
@Controller()
export class CredentialsController {
  constructor(private readonly credentials: CredentialsService) {}

  @Get('credential-types')
  @ApiOkResponse({ type: [CredentialTypeDto], description: 'Every credential kind with the JSON Schema of its values' })
  types(): CredentialTypeDto[] {
    return toCredentialTypeDtos();
  }

  @Post('credentials')
  @ApiCreatedResponse({ type: CredentialDto })
  @ApiBadRequestResponse({ description: 'Unknown kind or values that do not fit it; the message names the field' })
  @ApiConflictResponse({ description: 'The workspace already has a credential with this name' })
  async create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateCredentialDto): Promise<CredentialDto> {
    return toCredentialDto(await this.credentials.create(principal, dto), principal);
  }

  @Get('credentials')
  @ApiOkResponse({ type: [CredentialDto] })
  async list(@CurrentPrincipal() principal: Principal): Promise<CredentialDto[]> {
    return (await this.credentials.list(principal)).map((credential) => toCredentialDto(credential, principal));
  }

  @Get('credentials/:id')
  @ApiOkResponse({ type: CredentialDto })
  @ApiNotFoundResponse()
  async get(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string): Promise<CredentialDto> {
    return toCredentialDto(await this.credentials.get(principal, id), principal);
  }

  @Put('credentials/:id')
  @ApiOkResponse({ type: CredentialDto })
  @ApiBadRequestResponse({ description: 'Values that do not fit the kind; the message names the field' })
  @ApiNotFoundResponse()
  async update(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
    @Body() dto: UpdateCredentialDto,
  ): Promise<CredentialDto> {
    return toCredentialDto(await this.credentials.update(principal, id, dto), principal);
  }

  @Delete('credentials/:id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  async remove(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string): Promise<void> {
    await this.credentials.remove(principal, id);
  }
}
