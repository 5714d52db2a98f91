import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { ActivityRecord } from '@baton/persistence';
import { AuthenticatedApi } from '../auth/decorators/authenticated-api.decorator';
import { CurrentPrincipal } from '../auth/decorators/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { DomainError } from '../common/domain.error';
import { ACTIVITY_NAME, ActivityDto, ActivityTaskDto, CreateActivityDto, PollActivityDto } from './dto/activity.dto';
import { ActivitiesService } from './activities.service';

/** The slice of Express's response the poll writes to (no @types/express in this workspace). */
interface RawResponse {
  status(code: number): { type(contentType: string): { send(body: string): void } };
}

const toActivityDto = (record: ActivityRecord, workspaceId: string): ActivityDto => ({
  name: record.name,
  activityArn: `arn:aws:states:baton:${workspaceId}:activity:${record.name}`,
  createdAt: record.createdAt.toISOString(),
});

@ApiTags('activities')
@AuthenticatedApi()
@Controller('activities')
export class ActivitiesController {
  constructor(private readonly activities: ActivitiesService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Create an activity (idempotent by name)' })
  @ApiCreatedResponse({ type: ActivityDto })
  @ApiBadRequestResponse({ description: 'The name is malformed' })
  async create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateActivityDto): Promise<ActivityDto> {
    return toActivityDto(await this.activities.create(principal, dto.name), principal.workspaceId);
  }

  @Get()
  @ApiOperation({ summary: "The workspace's activities by name" })
  @ApiOkResponse({ type: [ActivityDto] })
  async list(@CurrentPrincipal() principal: Principal): Promise<ActivityDto[]> {
    return (await this.activities.list(principal)).map((record) => toActivityDto(record, principal.workspaceId));
  }

  @Post(':name/poll')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Long-poll for a task of the activity: { taskToken, input }, or null when none came within waitSeconds',
  })
  @ApiOkResponse({ type: ActivityTaskDto, description: 'A task, or the JSON null' })
  @ApiNotFoundResponse({ description: 'No such activity in the workspace' })
  async poll(
    @CurrentPrincipal() principal: Principal,
    @Param('name') name: string,
    @Body() dto: PollActivityDto,
    @Res({ passthrough: false }) response: RawResponse,
  ): Promise<void> {
    if (!ACTIVITY_NAME.test(name))
      throw new DomainError('VALIDATION_FAILED', 'name must be 1 to 80 letters, digits, "_", "." or "-"');
    const task = await this.activities.poll(principal, name, dto.waitSeconds ?? 20);
    // An explicit JSON null: "no task" must not look like an empty or broken answer.
    response
      .status(200)
      .type('application/json')
      .send(JSON.stringify(task ? { taskToken: task.token, input: task.input } : null));
  }
}
