import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { type ApprovalDecision, ApprovalRequests } from '@baton/engine';
import { Public } from '../auth/decorators/public.decorator';
import { conflict, DomainError, validationFailed } from '../common/domain.error';
import { ApprovalAnswerDto, ApprovalDecisionDto, ApprovalStatusDto } from './dto/approval.dto';

// Tokens are 32 random bytes, base64url: anything else is refused before a lookup.
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const STALE = 'This approval was already decided, timed out or was cancelled';

/**
 * The approve / reject links of flow.approval steps: no login, the unguessable single-use token
 * in the URL is the only key. The first decision resumes the run; every later one is a 409.
 */
@ApiTags('approvals')
@Public()
@Controller('approvals')
export class ApprovalsController {
  constructor(private readonly approvals: ApprovalRequests) {}

  @Get(':token')
  @ApiOperation({ summary: 'What an approval link asks, and whether it still waits', security: [] })
  @ApiOkResponse({ type: ApprovalStatusDto })
  @ApiBadRequestResponse({ description: 'Malformed token' })
  @ApiNotFoundResponse({ description: 'No approval has this token' })
  async show(@Param('token') token: string): Promise<ApprovalStatusDto> {
    const found = await this.approvals.find(checked(token));
    if (!found) throw unknownApproval();
    const input = found.ref.input as { message?: unknown } | null;
    return { message: typeof input?.message === 'string' ? input.message : '', waiting: found.waiting };
  }

  @Post(':token/approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve: the run goes on down the step’s `approved` handle', security: [] })
  @ApiOkResponse({ type: ApprovalAnswerDto })
  @ApiBadRequestResponse({ description: 'Malformed token or body' })
  @ApiNotFoundResponse({ description: 'No approval has this token' })
  @ApiConflictResponse({ description: STALE })
  approve(@Param('token') token: string, @Body() dto: ApprovalDecisionDto): Promise<ApprovalAnswerDto> {
    return this.decide(token, 'approved', dto);
  }

  @Post(':token/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject: the run goes on down the step’s `rejected` handle', security: [] })
  @ApiOkResponse({ type: ApprovalAnswerDto })
  @ApiBadRequestResponse({ description: 'Malformed token or body' })
  @ApiNotFoundResponse({ description: 'No approval has this token' })
  @ApiConflictResponse({ description: STALE })
  reject(@Param('token') token: string, @Body() dto: ApprovalDecisionDto): Promise<ApprovalAnswerDto> {
    return this.decide(token, 'rejected', dto);
  }

  private async decide(token: string, decision: ApprovalDecision, dto: ApprovalDecisionDto) {
    const outcome = await this.approvals.decide(checked(token), decision, dto?.comment ?? null);
    if (outcome === 'unknown') throw unknownApproval();
    if (outcome === 'stale') throw conflict(STALE);
    return { decision };
  }
}

function checked(token: string): string {
  if (!TOKEN.test(token)) throw validationFailed('token: is not an approval token');
  return token;
}

// The token is never echoed back.
const unknownApproval = () => new DomainError('NOT_FOUND', 'No approval has this token');
