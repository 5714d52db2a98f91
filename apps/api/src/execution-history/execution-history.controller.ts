import { Controller, Get } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { buildExecutionHistory, type ExecutionHistory, ExecutionStore } from '@baton/engine';
import { AuthenticatedApi } from '../auth/decorators/authenticated-api.decorator';
import { CurrentPrincipal } from '../auth/decorators/current-principal.decorator';
import { UuidParam } from '../auth/decorators/uuid-param.decorator';
import type { Principal } from '../auth/principal';
import { notFound } from '../common/domain.error';

@ApiTags('executions')
@AuthenticatedApi()
@Controller('executions')
export class ExecutionHistoryController {
  constructor(private readonly store: ExecutionStore) {}

  @Get(':id/history')
  @ApiOperation({
    summary:
      'Step Functions-style history (ExecutionStarted, TaskStateEntered, TaskScheduled, TaskSucceeded, MapIterationStarted, ...) and the state-transition count',
  })
  @ApiOkResponse({
    description: '{ events: [{ id, timestamp, type, stepId?, stateName?, details? }], stateTransitions }',
  })
  @ApiBadRequestResponse({ description: 'Malformed id' })
  @ApiNotFoundResponse()
  async history(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string): Promise<ExecutionHistory> {
    const snapshot = await this.store.findExecution(id);
    if (!snapshot || snapshot.execution.workspaceId !== principal.workspaceId) throw notFound('Execution', id);
    return buildExecutionHistory(snapshot, await this.store.findEvents(id));
  }
}
