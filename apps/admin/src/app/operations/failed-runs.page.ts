import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { BulkRedriveResponseDto, FailureGroupDto } from '../api/generated/models';
import { AccountStore } from '../core/shell/account.store';
import { AlertComponent } from '../shared/ui/alert.component';
import { ConfirmDialogService } from '../shared/ui/confirm-dialog.service';
import { EmptyStateComponent } from '../shared/ui/empty-state.component';
import { RelativeTimePipe } from '../shared/ui/relative-time.pipe';
import { SpinnerComponent } from '../shared/ui/spinner.component';
import { FailedRunsStore, groupKeyOf, REDRIVE_LIMIT } from './failed-runs.store';

const REASONS: Readonly<Partial<Record<string, string>>> = {
  over_expected_duration: 'Running past its expected duration',
  lease_expired: 'A step lost its worker',
};

/** The Failed view: failed executions by workflow and error with bulk redrive, and the stuck list. */
@Component({
  selector: 'baton-failed-runs-page',
  imports: [DatePipe, RouterLink, AlertComponent, EmptyStateComponent, RelativeTimePipe, SpinnerComponent],
  providers: [FailedRunsStore],
  templateUrl: './failed-runs.page.html',
  styleUrl: './failed-runs.page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FailedRunsPage {
  protected readonly store = inject(FailedRunsStore);
  private readonly confirm = inject(ConfirmDialogService);
  private readonly account = inject(AccountStore);
  protected readonly keyOf = groupKeyOf;
  protected readonly limit = REDRIVE_LIMIT;

  constructor() {
    void this.store.load();
  }

  protected summaryOf(response: BulkRedriveResponseDto): string {
    const refused = response.refused ? `; ${response.refused} refused` : '';
    return `Redriven ${response.redriven} of ${response.matched}${refused}.`;
  }

  protected reasonLabel(reason: string): string {
    return REASONS[reason] ?? reason;
  }

  protected canRedrive(group: FailureGroupDto): boolean {
    return group.workflowId !== null && this.account.role() !== 'viewer';
  }

  protected async redrive(group: FailureGroupDto): Promise<void> {
    const count = Math.min(group.count, REDRIVE_LIMIT);
    const confirmed = await this.confirm.ask({
      title: 'Redrive failed executions',
      message:
        `Run ${count} failed execution${count === 1 ? '' : 's'} of "${group.workflowName ?? 'this workflow'}" ` +
        `(${group.error ?? 'no error name'}) again from their failed steps? Completed steps keep their outputs.`,
      confirmLabel: `Redrive ${count}`,
      tone: 'primary',
    });
    if (confirmed) await this.store.redriveGroup(group);
  }
}
