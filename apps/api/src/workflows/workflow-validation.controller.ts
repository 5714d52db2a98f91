import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedApi } from '../auth/decorators/authenticated-api.decorator';
import { CurrentPrincipal } from '../auth/decorators/current-principal.decorator';
import { MinRole } from '../auth/decorators/min-role.decorator';
import type { Principal } from '../auth/principal';
import { DefinitionValidator } from './definition-validator.service';
import { DefinitionValidationDto, ValidateDefinitionDto } from './dto/validate-definition.dto';

@ApiTags('workflows')
@AuthenticatedApi()
@Controller('workflows')
export class WorkflowValidationController {
  constructor(private readonly definitions: DefinitionValidator) {}

  @Post('validate')
  @HttpCode(200)
  // Validation reads nothing and changes nothing, so viewers (reviewers, the read-only editor)
  // may ask whether a definition would be accepted; saving and running it still need an editor.
  @MinRole('viewer')
  @ApiOperation({
    summary: 'Check a definition without saving it: the checks save and run apply, every problem at once',
  })
  @ApiOkResponse({
    type: DefinitionValidationDto,
    description: 'Valid or not; an invalid definition is still a 200 listing its problems',
  })
  @ApiBadRequestResponse({
    description: 'The body itself is malformed (format missing, definition not an object); the message names the field',
  })
  validate(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: ValidateDefinitionDto,
  ): Promise<DefinitionValidationDto> {
    // In the caller's workspace: the credentials the nodes name are checked like on save.
    return this.definitions.checkInWorkspace(principal.workspaceId, dto.format, dto.definition);
  }
}
