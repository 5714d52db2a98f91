import { Injectable } from '@nestjs/common';
import { Clock } from '@baton/engine';
import { CreditLimitRepository, type CreditLimitState, UsageRepository } from '@baton/persistence';
import type { Principal } from '../auth/principal';
import { DomainError, validationFailed } from '../common/domain.error';
import type { UsageReportDto } from './dto/usage-report.dto';
import { USAGE_MAX_DAYS, type UsageQueryDto } from './dto/usage.query.dto';
import type { WorkspaceLimitsDto } from './dto/workspace-limits.dto';

const DAY_MS = 86_400_000;

/** Usage reports and the monthly credit limit of the caller's workspace. */
@Injectable()
export class UsageService {
  constructor(
    private readonly usage: UsageRepository,
    private readonly limits: CreditLimitRepository,
    private readonly clock: Clock,
  ) {}

  async report(principal: Principal, query: UsageQueryDto): Promise<UsageReportDto> {
    const now = new Date(this.clock.now());
    const to = query.to ? new Date(query.to) : now;
    const from = query.from ? new Date(query.from) : new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
    if (from.getTime() >= to.getTime()) throw validationFailed('to: must be after from');
    if (to.getTime() - from.getTime() > USAGE_MAX_DAYS * DAY_MS)
      throw validationFailed(`to: the window may span at most ${USAGE_MAX_DAYS} days`);
    const report = await this.usage.report(principal.workspaceId, from, to, query.groupBy ?? 'day');
    return { ...report, from: report.from.toISOString(), to: report.to.toISOString() };
  }

  async getLimits(principal: Principal, workspaceId: string): Promise<WorkspaceLimitsDto> {
    this.assertCurrentWorkspace(principal, workspaceId);
    return toDto(workspaceId, await this.limits.find(workspaceId, new Date(this.clock.now())));
  }

  async setLimits(
    principal: Principal,
    workspaceId: string,
    monthlyCredits: number | null,
  ): Promise<WorkspaceLimitsDto> {
    this.assertCurrentWorkspace(principal, workspaceId);
    return toDto(workspaceId, await this.limits.save(workspaceId, monthlyCredits, new Date(this.clock.now())));
  }

  /** Limits are read and set in the workspace the caller is signed in to (its role there counts). */
  private assertCurrentWorkspace(principal: Principal, workspaceId: string): void {
    if (workspaceId !== principal.workspaceId)
      throw new DomainError('NOT_FOUND', `Workspace ${workspaceId} is not the workspace of this session`);
  }
}

function toDto(workspaceId: string, state: CreditLimitState): WorkspaceLimitsDto {
  return {
    workspaceId,
    ...state,
    remaining:
      state.monthlyCredits === null
        ? null
        : Math.max(0, Math.round((state.monthlyCredits - state.used) * 10_000) / 10_000),
  };
}
