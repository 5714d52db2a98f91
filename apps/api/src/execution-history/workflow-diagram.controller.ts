import { Controller, Get } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { buildStateDiagram, type StateDiagram } from '@baton/engine';
import { AuthenticatedApi } from '../auth/decorators/authenticated-api.decorator';
import { CurrentPrincipal } from '../auth/decorators/current-principal.decorator';
import { UuidParam } from '../auth/decorators/uuid-param.decorator';
import type { Principal } from '../auth/principal';
import { WorkflowsService } from '../workflows/workflows.service';

@ApiTags('workflows')
@AuthenticatedApi()
@Controller('workflows')
export class WorkflowDiagramController {
  constructor(private readonly workflows: WorkflowsService) {}

  @Get(':id/diagram')
  @ApiOperation({
    summary:
      'Nodes and edges for a read-only diagram: ASL states (nested Map/Parallel with parentId) or the graph as it is',
  })
  @ApiOkResponse({
    description:
      '{ format, nodes: [{ id, name, type, parentId, branch, start, end, resource? }], edges: [{ source, target, kind, label? }] }',
  })
  @ApiBadRequestResponse({ description: 'Malformed id' })
  @ApiNotFoundResponse()
  async diagram(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string): Promise<StateDiagram> {
    const workflow = await this.workflows.get(principal, id);
    return buildStateDiagram(workflow.format, workflow.definition);
  }
}
