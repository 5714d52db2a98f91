import { Inject, Injectable } from '@nestjs/common';
import { Clock, NodeRegistry } from '@baton/engine';
import { CreditLimitRepository } from '@baton/persistence';
import { randomUUID } from 'node:crypto';
import { DomainError } from '../common/domain.error';
import { estimateCredits } from './estimate-credits';

/** What a start is about to run, as the gate needs it. */
export interface GatedStart {
  workspaceId: string;
  format: string;
  definition: unknown;
  /** The id chosen before the start (a trigger run's); otherwise the engine picks one. */
  executionId?: string;
  /** False when the caller already knows the workspace has no limit (the webhook lookup joins it). */
  creditLimited?: boolean;
}

/**
 * Every start (manual, API, webhook, cron, form, retry) passes here before the engine creates
 * anything: with a monthly credit limit the workflow's estimated cost is reserved first, and a
 * start that does not fit is refused with CREDIT_LIMIT_REACHED (402) before any execution row
 * exists. Without a limit this costs one primary-key read, or nothing when the caller knows.
 */
@Injectable()
export class CreditGate {
  constructor(
    private readonly limits: CreditLimitRepository,
    @Inject(NodeRegistry) private readonly registry: NodeRegistry,
    private readonly clock: Clock,
  ) {}

  async start<T>(request: GatedStart, start: (executionId: string | undefined) => Promise<T>): Promise<T> {
    if (request.creditLimited === false) return start(request.executionId);
    const executionId = request.executionId ?? randomUUID();
    const estimate = estimateCredits(request.format, request.definition, this.registry);
    const now = new Date(this.clock.now());
    let reservation = await this.limits.reserve(request.workspaceId, executionId, estimate, now);
    if (reservation.kind === 'unlimited') return start(request.executionId);
    // Runs that ended since give their estimates back for what they really cost.
    await this.limits.settle(request.workspaceId, now);
    if (reservation.kind === 'refused')
      reservation = await this.limits.reserve(request.workspaceId, executionId, estimate, now);
    if (reservation.kind === 'refused') {
      const { monthlyCredits, used } = reservation;
      throw new DomainError(
        'CREDIT_LIMIT_REACHED',
        `The workspace's monthly credit limit is reached: ${used} of ${monthlyCredits} credits used this month, ` +
          `and this workflow needs about ${estimate}. Raise the limit (PUT /api/workspaces/{id}/limits) or wait for next month`,
        { monthlyCredits, used, estimate },
      );
    }
    if (reservation.kind === 'unlimited') return start(request.executionId);
    try {
      return await start(executionId);
    } catch (error) {
      await this.limits.release(executionId);
      throw error;
    }
  }
}
