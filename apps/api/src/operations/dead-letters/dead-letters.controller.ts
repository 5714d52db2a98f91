import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedApi } from '../../auth/decorators/authenticated-api.decorator';
import { CurrentPrincipal } from '../../auth/decorators/current-principal.decorator';
import type { Principal } from '../../auth/principal';
import { BulkRedriveDto, BulkRedriveResponseDto } from './bulk-redrive.dto';
import { DeadLettersService } from './dead-letters.service';
import { StuckExecutionListDto } from './stuck-execution.dto';

/**
 * Bulk redrive and the stuck list. Registered before ExecutionsController (like the stats one) so
 * the literal `executions/stuck` is matched before `executions/:id`.
 */
@ApiTags('executions')
@AuthenticatedApi()
@Controller()
export class DeadLettersController {
  constructor(private readonly deadLetters: DeadLettersService) {}

  @Post('executions/redrive')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Redrive every failed execution a filter matches (at most `limit`), reporting each result',
  })
  @ApiOkResponse({ type: BulkRedriveResponseDto })
  @ApiBadRequestResponse({ description: 'A malformed filter; the message names the field' })
  redrive(@CurrentPrincipal() principal: Principal, @Body() dto: BulkRedriveDto): Promise<BulkRedriveResponseDto> {
    return this.deadLetters.redrive(principal, dto);
  }

  @Get('executions/stuck')
  @ApiOperation({
    summary:
      "Live executions running past their workflow's expected duration, or with a step whose lease expired without recovery",
  })
  @ApiOkResponse({ type: StuckExecutionListDto })
  async stuck(@CurrentPrincipal() principal: Principal): Promise<StuckExecutionListDto> {
    const now = this.deadLetters.now();
    const items = await this.deadLetters.stuck(principal);
    return {
      items: items.map((item) => ({
        id: item.id,
        workflowId: item.workflowId,
        workflowName: item.workflowName,
        status: item.status,
        startedAt: item.startedAt?.toISOString() ?? null,
        expectedDurationSeconds: item.expectedDurationSeconds,
        runningSeconds: item.startedAt ? Math.max(0, Math.round((now - item.startedAt.getTime()) / 1000)) : null,
        reasons: item.reasons,
        expiredLeaseSteps: item.expiredLeaseSteps,
      })),
    };
  }
}
