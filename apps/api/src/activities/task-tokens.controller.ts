import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AuthenticatedApi } from '../auth/decorators/authenticated-api.decorator';
import { CurrentPrincipal } from '../auth/decorators/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { TaskFailureDto, TaskSuccessDto } from './dto/task-token.dto';
import { TaskTokensService } from './task-tokens.service';

const STALE = 'The task no longer waits for this token (answered, timed out, cancelled)';

/** Answers for callback (`.waitForTaskToken`) and activity tasks: Step Functions' SendTask* calls. */
@ApiTags('activities')
@AuthenticatedApi()
@Controller('task-tokens')
export class TaskTokensController {
  constructor(private readonly tokens: TaskTokensService) {}

  @Post(':token/success')
  @HttpCode(200)
  @ApiOperation({ summary: 'Complete the waiting task with `output` as its result' })
  @ApiOkResponse({ description: '{ status: "completed" }' })
  @ApiBadRequestResponse({ description: 'Malformed token or body' })
  @ApiNotFoundResponse({ description: 'Unknown token in this workspace' })
  @ApiConflictResponse({ description: STALE })
  success(@CurrentPrincipal() principal: Principal, @Param('token') token: string, @Body() dto: TaskSuccessDto) {
    return this.tokens.answer(principal, token, { kind: 'success', output: dto.output ?? null });
  }

  @Post(':token/failure')
  @HttpCode(200)
  @ApiOperation({ summary: 'Fail the waiting task with `error` and `cause`, kept verbatim' })
  @ApiOkResponse({ description: '{ status: "completed" }' })
  @ApiBadRequestResponse({ description: 'Malformed token or body' })
  @ApiNotFoundResponse({ description: 'Unknown token in this workspace' })
  @ApiConflictResponse({ description: STALE })
  failure(@CurrentPrincipal() principal: Principal, @Param('token') token: string, @Body() dto: TaskFailureDto) {
    return this.tokens.answer(principal, token, {
      kind: 'failure',
      error: dto.error ?? 'States.TaskFailed',
      cause: dto.cause ?? '',
    });
  }

  @Post(':token/heartbeat')
  @HttpCode(200)
  @ApiOperation({ summary: 'Tell the waiting task its worker is alive (resets HeartbeatSeconds)' })
  @ApiOkResponse({ description: '{ status: "heartbeat" }' })
  @ApiNotFoundResponse({ description: 'Unknown token in this workspace' })
  @ApiConflictResponse({ description: STALE })
  heartbeat(@CurrentPrincipal() principal: Principal, @Param('token') token: string) {
    return this.tokens.answer(principal, token, { kind: 'heartbeat' });
  }
}
