import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { WorkflowStatus } from '../core/api-types';
import { AlertComponent } from '../shared/ui/alert.component';
import { EmptyStateComponent } from '../shared/ui/empty-state.component';
import { SpinnerComponent } from '../shared/ui/spinner.component';
import type { WorkflowListItemDto } from '../api/generated/models/workflow-list-item-dto';
import { EXAMPLE_WORKFLOWS } from './example-workflows';
import { WorkflowTableComponent, type WorkflowRowAction } from './workflow-table.component';
import { WorkflowsStore } from './workflows.store';

const SEARCH_DEBOUNCE_MS = 300;
const STATUS_OPTIONS: readonly { value: WorkflowStatus; label: string }[] = [
  { value: 'active', label: 'Active' },
  { value: 'paused', label: 'Paused' },
  { value: 'draft', label: 'Draft' },
];

@Component({
  selector: 'baton-workflow-list-page',
  imports: [RouterLink, AlertComponent, EmptyStateComponent, SpinnerComponent, WorkflowTableComponent],
  templateUrl: './workflow-list.page.html',
  styleUrl: './workflow-list.page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class WorkflowListPage {
  protected readonly store = inject(WorkflowsStore);
  protected readonly statusOptions = STATUS_OPTIONS;
  protected readonly skeletonRows = [0, 1, 2, 3, 4];
  protected readonly examples = EXAMPLE_WORKFLOWS;
  protected readonly resultSummary = computed(() => {
    const count = this.store.items().length;
    const more = this.store.hasMore() ? ' so far' : '';
    return `${count} ${count === 1 ? 'workflow' : 'workflows'} shown${more}`;
  });

  private searchTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    void this.store.load();
    inject(DestroyRef).onDestroy(() => clearTimeout(this.searchTimer));
  }

  protected searchAsYouType(event: Event): void {
    const search = (event.target as HTMLInputElement).value;
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => void this.store.applyFilters({ search }), SEARCH_DEBOUNCE_MS);
  }

  protected searchNow(event: Event, input: HTMLInputElement): void {
    event.preventDefault();
    clearTimeout(this.searchTimer);
    void this.store.applyFilters({ search: input.value });
  }

  protected filterByStatus(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    void this.store.applyFilters({ status: value === '' ? null : (value as WorkflowStatus) });
  }

  protected filterByTag(tag: string): void {
    const current = this.store.filters().tag;
    void this.store.applyFilters({ tag: current === tag ? null : tag });
  }

  protected clearTag(): void {
    void this.store.applyFilters({ tag: null });
  }

  protected clearFilters(input: HTMLInputElement): void {
    clearTimeout(this.searchTimer);
    input.value = '';
    void this.store.clearFilters();
  }

  protected retry(): void {
    void this.store.load();
  }

  protected loadMore(): void {
    void this.store.loadMore();
  }

  protected runAction(action: WorkflowRowAction, workflow: WorkflowListItemDto): void {
    const run = {
      activate: 'activate',
      pause: 'pause',
      duplicate: 'duplicate',
      export: 'export',
      delete: 'remove',
    } as const;
    void this.store[run[action]](workflow);
  }

  protected importFile(event: Event): void {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    // Cleared at once so choosing the same file again still fires `change`.
    input.value = '';
    if (file) void this.store.importFile(file);
  }

  protected importExamples(): void {
    void this.store.importExamples(EXAMPLE_WORKFLOWS);
  }
}
