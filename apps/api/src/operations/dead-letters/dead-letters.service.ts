import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@baton/engine';
import {
  DeadLetterRepository,
  type FailureGroupKey,
  type FailureGroupRecord,
  type StuckExecutionRecord,
} from '@baton/persistence';
import type { Principal } from '../../auth/principal';
import { validationFailed } from '../../common/domain.error';
import { BATON_CONFIG } from '../../config/baton-config.token';
import type { BatonConfig } from '../../config/baton-config';
import type { ListExecutionsQueryDto } from '../../executions/dto/list-executions.query.dto';
import { ExecutionsService } from '../../executions/executions.service';
import { BatonMetrics } from '../../observability/metrics/baton-metrics';
import {
  BULK_REDRIVE_LIMIT,
  type BulkRedriveDto,
  type BulkRedriveResponseDto,
  type RedriveResultDto,
} from './bulk-redrive.dto';
import { stuckLeaseGraceMs } from './stuck-lease-grace';

const MAX_GROUPS = 100;
const MAX_STUCK = 200;

/** The failure view, bulk redrive and the stuck list of one workspace. */
@Injectable()
export class DeadLettersService {
  constructor(
    private readonly deadLetters: DeadLetterRepository,
    private readonly executions: ExecutionsService,
    private readonly metrics: BatonMetrics,
    private readonly clock: Clock,
    @Inject(BATON_CONFIG) private readonly config: BatonConfig,
  ) {}

  /** Groups of the list's filter (failed ones unless `status` says otherwise), biggest first. */
  groups(principal: Principal, query: ListExecutionsQueryDto, by: FailureGroupKey[]): Promise<FailureGroupRecord[]> {
    return this.deadLetters.groupFailures(
      {
        workspaceId: principal.workspaceId,
        workflowId: query.workflowId ?? query.workflow,
        statuses: query.status?.length ? query.status : ['failed'],
        tag: query.tag,
        from: query.from ? new Date(query.from) : undefined,
        to: query.to ? new Date(query.to) : undefined,
      },
      by,
      MAX_GROUPS,
    );
  }

  /**
   * Redrives each failed execution the filter matches, one after another (a redrive is a small
   * unit of work; doing them in sequence keeps one request from flooding the queue at once),
   * and reports every result: another control winning the race is a refusal, not an error.
   */
  async redrive(principal: Principal, dto: BulkRedriveDto): Promise<BulkRedriveResponseDto> {
    const { filter } = dto;
    const from = filter.from ? new Date(filter.from) : undefined;
    const to = filter.to ? new Date(filter.to) : undefined;
    if (from && to && from.getTime() > to.getTime())
      throw validationFailed('filter.to: must not be before filter.from');
    const ids = await this.deadLetters.findFailedIds(
      {
        workspaceId: principal.workspaceId,
        workflowId: filter.workflowId,
        error: filter.error,
        tag: filter.tag,
        from,
        to,
        executionIds: filter.executionIds,
      },
      dto.limit ?? BULK_REDRIVE_LIMIT.default,
    );
    const results: RedriveResultDto[] = [];
    for (const executionId of ids) {
      try {
        const { execution } = await this.executions.redrive(principal, executionId);
        results.push({ executionId, outcome: 'redriven', status: execution.status });
      } catch (error) {
        const status = (error as { details?: { status?: string } }).details?.status ?? 'unknown';
        results.push({ executionId, outcome: 'refused', status, message: (error as Error).message });
      }
    }
    const redriven = results.filter((result) => result.outcome === 'redriven').length;
    if (redriven) this.metrics.executionsRedriven.inc({ outcome: 'redriven' }, redriven);
    if (results.length - redriven)
      this.metrics.executionsRedriven.inc({ outcome: 'refused' }, results.length - redriven);
    return { matched: ids.length, redriven, refused: results.length - redriven, results };
  }

  stuck(principal: Principal): Promise<StuckExecutionRecord[]> {
    return this.deadLetters.findStuck({
      now: new Date(this.clock.now()),
      leaseGraceMs: stuckLeaseGraceMs(this.config),
      workspaceId: principal.workspaceId,
      limit: MAX_STUCK,
    });
  }

  now(): number {
    return this.clock.now();
  }
}
