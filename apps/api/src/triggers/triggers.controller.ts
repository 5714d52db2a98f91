import { Body, Controller, Delete, Get, HttpCode, Post, Put, Query, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { AuthenticatedApi } from '../auth/decorators/authenticated-api.decorator';
import { CurrentPrincipal } from '../auth/decorators/current-principal.decorator';
import { UuidParam } from '../auth/decorators/uuid-param.decorator';
import { hasRole, type Principal } from '../auth/principal';
import { CronTriggerDto } from './dto/cron-trigger.dto';
import { FormFieldDto, FormTriggerDto } from './dto/form-trigger.dto';
import { NextRunsQueryDto } from './dto/next-runs.query.dto';
import { OnceTriggerDto } from './dto/once-trigger.dto';
import { parseTriggerBody } from './dto/trigger-body';
import { NextRunsDto, TriggerDto, TriggerRunDto } from './dto/trigger.response.dto';
import { WebhookTriggerDto } from './dto/webhook-trigger.dto';
import { formatInZone } from './format-in-zone';
import { type OriginRequest, requestOrigin } from './request-origin';
import { toTriggerDto, toTriggerRunDto } from './trigger-response.mapper';
import { TriggersService } from './triggers.service';

const TRIGGER_BODIES = { cron: CronTriggerDto, webhook: WebhookTriggerDto, form: FormTriggerDto, once: OnceTriggerDto };

/** One of the four shapes, chosen by `type` (validated by the class that type names). */
const TRIGGER_BODY_SCHEMA = {
  oneOf: Object.values(TRIGGER_BODIES).map((dto) => ({ $ref: getSchemaPath(dto) })),
  // The mapping names each `type` value; without it generators take the schema names as the values.
  discriminator: {
    propertyName: 'type',
    mapping: Object.fromEntries(Object.entries(TRIGGER_BODIES).map(([type, dto]) => [type, getSchemaPath(dto)])),
  },
};

@ApiTags('triggers')
@AuthenticatedApi()
@ApiExtraModels(CronTriggerDto, WebhookTriggerDto, FormTriggerDto, FormFieldDto, OnceTriggerDto)
@Controller()
export class TriggersController {
  constructor(private readonly triggers: TriggersService) {}

  @Post('workflows/:id/triggers')
  @ApiOperation({ summary: 'Add a cron, webhook, form or one-time trigger to a workflow' })
  @ApiBody({
    schema: TRIGGER_BODY_SCHEMA,
    examples: {
      cron: {
        summary: 'Every weekday at 09:00 in Berlin',
        value: { type: 'cron', expression: '0 9 * * 1-5', timezone: 'Europe/Berlin' },
      },
      webhook: {
        summary: 'A signed webhook answering once the run ended',
        value: { type: 'webhook', methods: ['POST'], signed: true, responseMode: 'sync' },
      },
    },
  })
  @ApiCreatedResponse({
    type: TriggerDto,
    description: 'Webhook and form triggers carry their public `url`; a signed webhook its `secret`, this once',
  })
  @ApiBadRequestResponse({
    description: 'A field is missing or malformed (e.g. an invalid cron expression or time zone); the message names it',
  })
  @ApiNotFoundResponse()
  async create(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') workflowId: string,
    @Body() body: Record<string, unknown>,
    @Req() request: OriginRequest,
  ): Promise<TriggerDto> {
    const saved = await this.triggers.create(principal, workflowId, await parseTriggerBody(body));
    return toTriggerDto(saved.trigger, requestOrigin(request), saved.secret);
  }

  @Get('workflows/:id/triggers')
  @ApiOperation({ summary: "The workflow's triggers" })
  @ApiOkResponse({ type: [TriggerDto] })
  @ApiNotFoundResponse()
  async list(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') workflowId: string,
    @Req() request: OriginRequest,
  ): Promise<TriggerDto[]> {
    const origin = requestOrigin(request);
    const withUrl = hasRole(principal, 'editor');
    return (await this.triggers.list(principal, workflowId)).map((t) => toTriggerDto(t, origin, undefined, withUrl));
  }

  @Get('triggers/:id')
  @ApiOperation({ summary: 'A trigger' })
  @ApiOkResponse({ type: TriggerDto })
  @ApiNotFoundResponse()
  async get(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
    @Req() request: OriginRequest,
  ): Promise<TriggerDto> {
    const trigger = await this.triggers.get(principal, id);
    return toTriggerDto(trigger, requestOrigin(request), undefined, hasRole(principal, 'editor'));
  }

  @Put('triggers/:id')
  @ApiOperation({ summary: "Replace a trigger's settings" })
  @ApiBody({ schema: TRIGGER_BODY_SCHEMA })
  @ApiOkResponse({
    type: TriggerDto,
    description: 'Settings replaced; turning signing on returns the new `secret` once',
  })
  @ApiNotFoundResponse()
  async replace(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
    @Body() body: Record<string, unknown>,
    @Req() request: OriginRequest,
  ): Promise<TriggerDto> {
    const saved = await this.triggers.replace(principal, id, await parseTriggerBody(body));
    return toTriggerDto(saved.trigger, requestOrigin(request), saved.secret);
  }

  @Delete('triggers/:id')
  @ApiOperation({ summary: 'Delete a trigger' })
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  async remove(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string): Promise<void> {
    await this.triggers.remove(principal, id);
  }

  @Get('triggers/:id/next-runs')
  @ApiOperation({ summary: 'Preview when a cron or one-time trigger fires next' })
  @ApiNotFoundResponse()
  @ApiOkResponse({
    type: NextRunsDto,
    description: 'The next instants a cron or one-time trigger fires, in UTC and in its zone',
  })
  async nextRuns(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
    @Query() query: NextRunsQueryDto,
  ): Promise<NextRunsDto> {
    const preview = await this.triggers.nextRuns(
      principal,
      id,
      query.count ?? 5,
      query.from ? new Date(query.from) : undefined,
    );
    return {
      timezone: preview.timezone,
      runs: preview.runs.map((at) => ({ at: at.toISOString(), local: formatInZone(at, preview.timezone) })),
    };
  }

  @Get('triggers/:id/runs')
  @ApiOperation({ summary: 'The executions a trigger started' })
  @ApiNotFoundResponse()
  @ApiOkResponse({
    type: [TriggerRunDto],
    description: 'The executions this trigger started, newest first (at most 100)',
  })
  async runs(@CurrentPrincipal() principal: Principal, @UuidParam('id') id: string): Promise<TriggerRunDto[]> {
    return (await this.triggers.runs(principal, id)).map(toTriggerRunDto);
  }
}
