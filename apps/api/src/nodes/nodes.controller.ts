import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { NodeRegistry } from '@baton/engine';
import { AuthenticatedApi } from '../auth/decorators/authenticated-api.decorator';
import { toNodeTypeDto } from './node-type-response.mapper';
import { NodeTypeDto } from './node-type.response.dto';

@ApiTags('nodes')
@AuthenticatedApi()
@Controller('nodes')
export class NodesController {
  constructor(private readonly registry: NodeRegistry) {}

  @Get()
  @ApiOperation({ summary: 'The node types this deployment runs, every version, sorted by group, type and version' })
  @ApiOkResponse({ type: [NodeTypeDto] })
  list(): NodeTypeDto[] {
    return this.registry
      .list()
      .map(toNodeTypeDto)
      .sort((a, b) => a.group.localeCompare(b.group) || a.type.localeCompare(b.type) || a.version - b.version);
  }
}
