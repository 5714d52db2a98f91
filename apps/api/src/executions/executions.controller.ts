import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
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
import { ExecuteWorkflowDto, StartedExecutionDto } from './dto/execute-workflow.dto';
import { ExecutionLogEntryDto, ExecutionLogsQueryDto } from './dto/execution-log.dto';
import { ExecutionDto } from './dto/execution.response.dto';
import { ExecutionPageDto } from './dto/execution-summary.dto';
import { FAILURE_GROUP_KEYS, ListExecutionsQueryDto } from './dto/list-executions.query.dto';
import { RunDefinitionDto } from './dto/run-definition.dto';
import { toExecutionLogEntryDto } from './execution-log.mapper';
import { toExecutionDto } from './execution-response.mapper';
import { toExecutionSummaryDto } from './execution-summary.mapper';
import { ExecutionsService } from './executions.service';
import { DeadLettersService } from '../operations/dead-letters/dead-letters.service';
import { toFailureGroupDto } from '../operations/dead-letters/failure-group.mapper';
import { ApiCreditLimitResponse } from '../usage/api-credit-limit-response.decorator';

const CONFLICT = 'The execution is not in a status that allows this; the message names its current status';

@ApiTags('executions')
@AuthenticatedApi()
@Controller()
export class ExecutionsController {
  constructor(
    private readonly executions: ExecutionsService,
    private readonly deadLetters: DeadLettersService,
  ) {}

  @Post('workflows/:id/execute')
  @ApiOperation({ summary: "Execute a workflow's current version (immediate, queued or auto)" })
  @HttpCode(201)
  @ApiBody({
    type: ExecuteWorkflowDto,
    examples: {
      auto: { summary: 'Run with an input; the server picks immediate or queued', value: { input: { value: 21 } } },
      queued: {
        summary: 'Queue the run with a timeout, priority and tags',
        value: { input: { value: 21 }, mode: 'queued', options: { timeout: 60000, priority: 10, tags: ['nightly'] } },
      },
    },
  })
  @ApiCreatedResponse({
    type: StartedExecutionDto,
    description: 'Started; in immediate mode the response carries the output',
  })
  @ApiBadRequestResponse({ description: 'Invalid input or an invalid definition (every problem listed)' })
  @ApiNotFoundResponse()
  @ApiCreditLimitResponse()
  async execute(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
    @Body() dto: ExecuteWorkflowDto,
  ): Promise<StartedExecutionDto> {
    return this.executions.execute(principal, id, dto);
  }

  // `workflows/run` has no id segment, so it never meets the UUID-checked `workflows/:id` routes.
  @Post('workflows/run')
  @HttpCode(201)
  @ApiOperation({ summary: "Run an unsaved definition (the editor's test runs); the execution's workflowId is null" })
  @ApiCreatedResponse({
    type: StartedExecutionDto,
    description: 'Started; in immediate mode the response carries the output',
  })
  @ApiBadRequestResponse({ description: 'Invalid input or an invalid definition (every problem listed in `problems`)' })
  @ApiCreditLimitResponse()
  async run(@CurrentPrincipal() principal: Principal, @Body() dto: RunDefinitionDto): Promise<StartedExecutionDto> {
    return this.executions.run(principal, dto);
  }

  @Get('executions')
  @ApiOperation({ summary: "The workspace's executions, newest first, filtered, one page at a time" })
  @ApiOkResponse({ type: ExecutionPageDto })
  @ApiBadRequestResponse({ description: 'A filter, cursor or limit is malformed; the message names the parameter' })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListExecutionsQueryDto,
  ): Promise<ExecutionPageDto> {
    const page = await this.executions.list(principal, query);
    // The failure view: `status=failed` alone is grouped by workflow and error unless groupBy says
    // otherwise; on its first page only, as later pages would repeat the same counts.
    const failedOnly = query.status?.length === 1 && query.status[0] === 'failed' && !query.cursor;
    const groupBy = query.groupBy ?? (failedOnly ? FAILURE_GROUP_KEYS : []);
    const groups = groupBy.length ? await this.deadLetters.groups(principal, query, [...groupBy]) : null;
    return {
      items: page.items.map(toExecutionSummaryDto),
      nextCursor: page.nextCursor,
      ...(groups ? { groups: groups.map(toFailureGroupDto) } : {}),
    };
  }

  @Get('executions/:id')
  @ApiOperation({ summary: 'An execution with its steps' })
  @ApiOkResponse({ type: ExecutionDto })
  @ApiBadRequestResponse({ description: 'Malformed id' })
  @ApiNotFoundResponse()
  async get(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string): Promise<ExecutionDto> {
    const execution = toExecutionDto(await this.executions.get(principal, id));
    return { ...execution, children: await this.executions.children(principal, id) };
  }

  @Get('executions/:id/logs')
  @ApiOperation({
    summary:
      "The execution's events in sequence order; the event that ended a step attempt carries that attempt's ctx.log lines (`logs`)",
  })
  @ApiOkResponse({ type: [ExecutionLogEntryDto] })
  @ApiBadRequestResponse({ description: 'Malformed id or afterSequence' })
  @ApiNotFoundResponse()
  async logs(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
    @Query() query: ExecutionLogsQueryDto,
  ): Promise<ExecutionLogEntryDto[]> {
    return (await this.executions.logs(principal, id, query.afterSequence)).map(toExecutionLogEntryDto);
  }

  @Post('executions/:id/pause')
  @HttpCode(200)
  @ApiOperation({ summary: 'Pause a running execution: no new steps start; running steps finish' })
  @ApiOkResponse({ type: ExecutionDto, description: 'The execution after pausing' })
  @ApiBadRequestResponse({ description: 'Malformed id' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: CONFLICT })
  async pause(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string): Promise<ExecutionDto> {
    return toExecutionDto(await this.executions.pause(principal, id));
  }

  @Post('executions/:id/resume')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resume a paused execution' })
  @ApiOkResponse({ type: ExecutionDto, description: 'The execution after resuming' })
  @ApiBadRequestResponse({ description: 'Malformed id' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: CONFLICT })
  async resume(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string): Promise<ExecutionDto> {
    return toExecutionDto(await this.executions.resume(principal, id));
  }

  @Post('executions/:id/redrive')
  @HttpCode(200)
  @ApiOperation({ summary: 'Run a failed execution again from its failed steps, keeping completed outputs' })
  @ApiOkResponse({ type: ExecutionDto, description: 'The execution, running again' })
  @ApiBadRequestResponse({ description: 'Malformed id' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: CONFLICT })
  async redrive(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string): Promise<ExecutionDto> {
    return toExecutionDto(await this.executions.redrive(principal, id));
  }

  @Post('executions/:id/retry')
  @HttpCode(201)
  @ApiOperation({ summary: 'Start a new execution with the same input and the same workflow version definition' })
  @ApiCreatedResponse({ type: StartedExecutionDto, description: 'The new execution, as the execute endpoint answers' })
  @ApiBadRequestResponse({ description: 'Malformed id' })
  @ApiNotFoundResponse()
  @ApiCreditLimitResponse()
  async retry(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string): Promise<StartedExecutionDto> {
    return this.executions.retry(principal, id);
  }

  @Delete('executions/:id')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a pending, running or paused execution' })
  @ApiOkResponse({ type: ExecutionDto, description: 'The execution after cancelling' })
  @ApiBadRequestResponse({ description: 'Malformed id' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: CONFLICT })
  async cancel(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string): Promise<ExecutionDto> {
    return toExecutionDto(await this.executions.cancel(principal, id));
  }
}
