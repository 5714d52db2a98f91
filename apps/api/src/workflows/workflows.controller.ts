import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AuthenticatedApi } from '../auth/decorators/authenticated-api.decorator';
import { CurrentPrincipal } from '../auth/decorators/current-principal.decorator';
import { UuidParam } from '../auth/decorators/uuid-param.decorator';
import type { Principal } from '../auth/principal';
import { CreateWorkflowDto } from './dto/create-workflow.dto';
import { ListWorkflowsQueryDto } from './dto/list-workflows.query.dto';
import { UpdateWorkflowDto } from './dto/update-workflow.dto';
import {
  WorkflowDto,
  WorkflowPageDto,
  WorkflowVersionDto,
  WorkflowVersionSummaryDto,
} from './dto/workflow.response.dto';
import { toVersionDto, toVersionSummaryDto, toWorkflowDto, toWorkflowListItemDto } from './workflow-response.mapper';
import { WorkflowsService } from './workflows.service';
import { VersionNumberPipe } from '../common/version-number.pipe';

const versionNumber = new VersionNumberPipe('n');

@ApiTags('workflows')
@AuthenticatedApi()
@Controller('workflows')
export class WorkflowsController {
  constructor(private readonly workflows: WorkflowsService) {}

  @Post()
  @ApiOperation({ summary: 'Create a workflow; its first immutable version is recorded' })
  @ApiBody({
    type: CreateWorkflowDto,
    examples: {
      graph: {
        summary: 'A graph workflow: manual start -> JSONata transform -> log',
        value: {
          name: 'Double a value',
          format: 'graph',
          definition: {
            nodes: [
              { id: 'start', type: 'trigger.manual', position: { x: 0, y: 0 }, data: { inputs: {} } },
              {
                id: 'double',
                type: 'data.transform',
                position: { x: 200, y: 0 },
                data: { inputs: { expression: '{ "doubled": value * 2 }' } },
              },
            ],
            edges: [{ id: 'start-double', source: 'start', target: 'double', sourceHandle: 'out', targetHandle: 'in' }],
          },
          status: 'active',
          tags: ['example'],
        },
      },
      asl: {
        summary: 'An Amazon States Language state machine',
        value: {
          name: 'Hello ASL',
          format: 'asl',
          definition: { StartAt: 'Done', States: { Done: { Type: 'Pass', Result: { hello: 'world' }, End: true } } },
        },
      },
    },
  })
  @ApiCreatedResponse({ type: WorkflowDto })
  @ApiBadRequestResponse({ description: 'A field is missing or malformed; the message names it' })
  async create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateWorkflowDto): Promise<WorkflowDto> {
    return toWorkflowDto(await this.workflows.create(principal, dto));
  }

  @Get()
  @ApiOperation({ summary: "The workspace's workflows, one cursor page at a time" })
  @ApiOkResponse({ type: WorkflowPageDto })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListWorkflowsQueryDto,
  ): Promise<WorkflowPageDto> {
    const page = await this.workflows.list(principal, query);
    return { items: page.items.map(toWorkflowListItemDto), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @ApiOperation({ summary: 'A workflow with its current definition' })
  @ApiOkResponse({ type: WorkflowDto })
  @ApiNotFoundResponse()
  async get(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string): Promise<WorkflowDto> {
    return toWorkflowDto(await this.workflows.get(principal, id));
  }

  @Put(':id')
  @ApiOperation({ summary: 'Update a workflow; a changed definition records a new immutable version' })
  @ApiOkResponse({ type: WorkflowDto, description: 'Updated; a new immutable version was recorded' })
  @ApiNotFoundResponse()
  async update(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
    @Body() dto: UpdateWorkflowDto,
  ): Promise<WorkflowDto> {
    return toWorkflowDto(await this.workflows.update(principal, id, dto));
  }

  // DELETE :id lives in workflow-lifecycle.controller.ts: it refuses while executions run (409 unless ?force=true).

  @Get(':id/versions')
  @ApiOperation({ summary: "The workflow's versions, newest first" })
  @ApiOkResponse({ type: [WorkflowVersionSummaryDto] })
  @ApiNotFoundResponse()
  async versions(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
  ): Promise<WorkflowVersionSummaryDto[]> {
    return (await this.workflows.listVersions(principal, id)).map(toVersionSummaryDto);
  }

  @Get(':id/versions/:n')
  @ApiOperation({ summary: 'One version of a workflow with its definition' })
  @ApiOkResponse({ type: WorkflowVersionDto })
  @ApiNotFoundResponse()
  async version(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
    @Param('n', versionNumber) n: number,
  ): Promise<WorkflowVersionDto> {
    return toVersionDto(await this.workflows.getVersion(principal, id, n));
  }
}
