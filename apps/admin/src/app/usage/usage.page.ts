import { ChangeDetectionStrategy, Component, computed, effect, inject, untracked } from '@angular/core';
import type { UsageGroupDto } from '../api/generated/models';
import { AlertComponent } from '../shared/ui/alert.component';
import { EmptyStateComponent } from '../shared/ui/empty-state.component';
import { SpinnerComponent } from '../shared/ui/spinner.component';
import { UsageChartComponent } from './usage-chart.component';
import { type UsageGroupBy, UsageStore } from './usage.store';

const GROUPINGS: ReadonlyArray<{ value: UsageGroupBy; title: string }> = [
  { value: 'day', title: 'Day' },
  { value: 'workflow', title: 'Workflow' },
  { value: 'nodeType', title: 'Node type' },
];

/** Credits the workspace used, as a chart and a table, with its monthly limit. */
@Component({
  selector: 'baton-usage-page',
  imports: [AlertComponent, EmptyStateComponent, SpinnerComponent, UsageChartComponent],
  templateUrl: './usage.page.html',
  styleUrl: './usage.page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UsagePage {
  protected readonly store = inject(UsageStore);
  protected readonly groupings = GROUPINGS;
  protected readonly groups = computed(() => this.store.report()?.groups ?? []);
  protected readonly keyTitle = computed(
    () => GROUPINGS.find((g) => g.value === this.store.groupBy())?.title ?? 'Group',
  );
  protected readonly labelOf = (group: UsageGroupDto): string =>
    group.label ?? group.key ?? (this.store.groupBy() === 'workflow' ? 'Test runs (unsaved)' : '—');

  constructor() {
    void this.store.load();
    effect(() => {
      const workspaceId = this.store.workspaceId();
      if (workspaceId) untracked(() => void this.store.loadLimits(workspaceId));
    });
  }

  protected selectGrouping(event: Event): void {
    this.store.select((event.target as HTMLSelectElement).value as UsageGroupBy);
  }

  protected applyWindow(event: Event, fromDay: string, toDay: string): void {
    event.preventDefault();
    this.store.selectWindow({ fromDay, toDay });
  }

  protected saveLimit(event: Event, raw: string): void {
    event.preventDefault();
    const text = raw.trim();
    void this.store.saveLimit(text === '' ? null : Number(text));
  }

  protected credits(value: number): string {
    return value.toLocaleString(undefined, { maximumFractionDigits: 4 });
  }
}
