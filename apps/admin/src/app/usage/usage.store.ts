import { Injectable, computed, inject, signal } from '@angular/core';
import { BatonApi } from '../api/generated/baton-api';
import { usageControllerGetLimits, usageControllerReport, usageControllerSetLimits } from '../api/generated/functions';
import type { UsageReportDto, WorkspaceLimitsDto } from '../api/generated/models';
import { describeError } from '../core/describe-error';
import { AccountStore } from '../core/shell/account.store';
import { currentMonthWindow, type UsageWindow, windowToRange } from './usage-window';

export type UsageGroupBy = 'day' | 'workflow' | 'nodeType';

/**
 * The workspace's usage in credits for a window of days, grouped one way, and its monthly
 * credit limit (owners may change it). Provided on the usage route.
 */
@Injectable()
export class UsageStore {
  private readonly api = inject(BatonApi);
  private readonly account = inject(AccountStore);

  private readonly _groupBy = signal<UsageGroupBy>('day');
  private readonly _window = signal<UsageWindow>(currentMonthWindow(new Date()));
  private readonly _report = signal<UsageReportDto | null>(null);
  private readonly _limits = signal<WorkspaceLimitsDto | null>(null);
  private readonly _loading = signal(true);
  private readonly _error = signal<string | null>(null);
  private readonly _limitError = signal<string | null>(null);
  private readonly _savingLimit = signal(false);
  /** Answers of older requests are dropped: only the latest selection's report is shown. */
  private requestNumber = 0;

  readonly groupBy = this._groupBy.asReadonly();
  readonly window = this._window.asReadonly();
  readonly report = this._report.asReadonly();
  readonly limits = this._limits.asReadonly();
  readonly isLoading = this._loading.asReadonly();
  readonly error = this._error.asReadonly();
  readonly limitError = this._limitError.asReadonly();
  readonly isSavingLimit = this._savingLimit.asReadonly();
  readonly canSetLimit = computed(() => this.account.role() === 'owner');
  /** Known once the shell has read who is signed in. */
  readonly workspaceId = computed(() => this.account.account()?.workspace.id ?? null);

  async load(): Promise<void> {
    const request = ++this.requestNumber;
    this._loading.set(true);
    this._error.set(null);
    try {
      const report = await this.api.invoke(usageControllerReport, {
        groupBy: this._groupBy(),
        ...windowToRange(this._window()),
      });
      if (request !== this.requestNumber) return;
      this._report.set(report);
    } catch (error) {
      if (request === this.requestNumber) this._error.set(describeError(error));
    } finally {
      if (request === this.requestNumber) this._loading.set(false);
    }
  }

  select(groupBy: UsageGroupBy): void {
    this._groupBy.set(groupBy);
    void this.load();
  }

  /** A new window; refused (with a message) when it ends before it starts. */
  selectWindow(window: UsageWindow): void {
    if (!window.fromDay || !window.toDay || window.fromDay > window.toDay) {
      this._error.set('Choose a “to” day on or after the “from” day.');
      return;
    }
    this._window.set(window);
    void this.load();
  }

  async saveLimit(monthlyCredits: number | null): Promise<void> {
    const workspaceId = this.workspaceId();
    if (!workspaceId) return;
    this._savingLimit.set(true);
    this._limitError.set(null);
    try {
      this._limits.set(await this.api.invoke(usageControllerSetLimits, { id: workspaceId, body: { monthlyCredits } }));
    } catch (error) {
      this._limitError.set(describeError(error));
    } finally {
      this._savingLimit.set(false);
    }
  }

  async loadLimits(workspaceId: string): Promise<void> {
    try {
      this._limits.set(await this.api.invoke(usageControllerGetLimits, { id: workspaceId }));
    } catch (error) {
      this._limitError.set(describeError(error));
    }
  }
}
