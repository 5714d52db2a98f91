import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedApi } from '../auth/decorators/authenticated-api.decorator';
import { CurrentPrincipal } from '../auth/decorators/current-principal.decorator';
import { UuidParam } from '../auth/decorators/uuid-param.decorator';
import type { Principal } from '../auth/principal';
import { ExecuteWorkflowDto, StartedExecutionDto } from './dto/execute-workflow.dto';
import { ExecutionDto } from './dto/execution.response.dto';
import { toExecutionDto } from './execution-response.mapper';
import { ExecutionsService } from './executions.service';

@ApiTags('executions')
@AuthenticatedApi()
@Controller()
export class ExecutionsController {
  constructor(private readonly executions: ExecutionsService) {}

  @Post('workflows/:id/execute')
  @HttpCode(201)
  @ApiCreatedResponse({ type: StartedExecutionDto, description: 'Started; in immediate mode the response carries the output' })
  @ApiBadRequestResponse({ description: 'Invalid input or an invalid definition (every problem listed)' })
  @ApiNotFoundResponse()
  async execute(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
    @Body() dto: ExecuteWorkflowDto,
  ): Promise<StartedExecutionDto> {
    return this.executions.execute(principal, id, dto);
  }

  @Get('executions/:id')
  @ApiOkResponse({ type: ExecutionDto })
  @ApiNotFoundResponse()
  async get(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string): Promise<ExecutionDto> {
    return toExecutionDto(await this.executions.get(principal, id));
  }
}
