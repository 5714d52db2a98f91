import { Injectable, computed, inject, signal } from '@angular/core';
import { BatonApi } from '../api/generated/baton-api';
import {
  deadLettersControllerRedrive,
  deadLettersControllerStuck,
  executionsControllerList,
} from '../api/generated/functions';
import type { BulkRedriveResponseDto, FailureGroupDto, StuckExecutionDto } from '../api/generated/models';
import { describeError } from '../core/describe-error';

/** The server redrives at most this many executions per request (BULK_REDRIVE_LIMIT.max). */
export const REDRIVE_LIMIT = 500;

/** What the last bulk redrive of a group reported. */
export interface RedriveReport {
  readonly groupKey: string;
  readonly response: BulkRedriveResponseDto;
}

export const groupKeyOf = (group: FailureGroupDto) => `${group.workflowId ?? '-'}|${group.error ?? '-'}`;

/**
 * The operator's view of what went wrong: failed executions grouped by workflow and error (bulk
 * redrive per group) and the stuck list. Reads on demand; a redrive reloads both.
 */
@Injectable()
export class FailedRunsStore {
  private readonly api = inject(BatonApi);

  private readonly _groups = signal<readonly FailureGroupDto[]>([]);
  private readonly _stuck = signal<readonly StuckExecutionDto[]>([]);
  private readonly _state = signal<'loading' | 'ready' | 'error'>('loading');
  private readonly _error = signal<string | null>(null);
  private readonly _redriving = signal<string | null>(null);
  private readonly _report = signal<RedriveReport | null>(null);
  private readonly _redriveError = signal<string | null>(null);

  readonly groups = this._groups.asReadonly();
  readonly stuck = this._stuck.asReadonly();
  readonly error = this._error.asReadonly();
  readonly redriving = this._redriving.asReadonly();
  readonly report = this._report.asReadonly();
  readonly redriveError = this._redriveError.asReadonly();
  readonly isLoading = computed(() => this._state() === 'loading');
  readonly hasFailed = computed(() => this._state() === 'error');
  readonly failedTotal = computed(() => this._groups().reduce((sum, group) => sum + group.count, 0));

  async load(): Promise<void> {
    try {
      const [page, stuck] = await Promise.all([
        this.api.invoke(executionsControllerList, { status: 'failed', groupBy: 'workflow,error', limit: 1 }),
        this.api.invoke(deadLettersControllerStuck, {}),
      ]);
      this._groups.set(page.groups ?? []);
      this._stuck.set(stuck.items);
      this._error.set(null);
      this._state.set('ready');
    } catch (error) {
      this._error.set(describeError(error));
      this._state.set('error');
    }
  }

  /** Redrives every failed execution of one group (a workflow and an error), then reloads. */
  async redriveGroup(group: FailureGroupDto): Promise<void> {
    if (!group.workflowId) return;
    const groupKey = groupKeyOf(group);
    this._redriving.set(groupKey);
    this._redriveError.set(null);
    try {
      const response = await this.api.invoke(deadLettersControllerRedrive, {
        body: { filter: { workflowId: group.workflowId, error: group.error }, limit: REDRIVE_LIMIT },
      });
      this._report.set({ groupKey, response });
      await this.load();
    } catch (error) {
      this._redriveError.set(describeError(error));
    } finally {
      this._redriving.set(null);
    }
  }
}
