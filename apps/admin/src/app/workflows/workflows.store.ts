import { Injectable, computed, inject, signal } from '@angular/core';
import { BatonApi } from '../api/generated/baton-api';
import { workflowsControllerList } from '../api/generated/fn/workflows/workflows-controller-list';
import type { WorkflowPageDto } from '../api/generated/models/workflow-page-dto';
import type { WorkflowSummaryDto as WorkflowSummary } from '../api/generated/models/workflow-summary-dto';
import type { WorkflowStatus } from '../core/api-types';
import { describeError } from '../core/describe-error';

const PAGE_SIZE = 25;

export interface WorkflowFilters {
  readonly search: string;
  readonly status: WorkflowStatus | null;
  readonly tag: string | null;
}

const NO_FILTERS: WorkflowFilters = { search: '', status: null, tag: null };

type LoadState = 'idle' | 'loading' | 'loading-more' | 'ready' | 'error';

/** The workflow list: filters, cursor pages and load state. Provided on the workflows route. */
@Injectable()
export class WorkflowsStore {
  private readonly api = inject(BatonApi);

  private readonly _items = signal<readonly WorkflowSummary[]>([]);
  private readonly _nextCursor = signal<string | null>(null);
  private readonly _filters = signal<WorkflowFilters>(NO_FILTERS);
  private readonly _state = signal<LoadState>('idle');
  private readonly _error = signal<string | null>(null);
  // Each load takes a ticket; a response whose ticket is no longer the latest is dropped, so a
  // slow response for an old filter cannot overwrite the list for the current one.
  private ticket = 0;

  readonly items = this._items.asReadonly();
  readonly filters = this._filters.asReadonly();
  readonly error = this._error.asReadonly();
  readonly isLoading = computed(() => this._state() === 'loading' || this._state() === 'idle');
  readonly isLoadingMore = computed(() => this._state() === 'loading-more');
  readonly hasMore = computed(() => this._nextCursor() !== null);
  readonly isFiltered = computed(() => {
    const { search, status, tag } = this._filters();
    return search.trim() !== '' || status !== null || tag !== null;
  });
  /** Nothing to show because the first page failed (a failed "load more" keeps the list). */
  readonly hasFailed = computed(() => this._state() === 'error' && this._items().length === 0);
  readonly isEmpty = computed(() => this._state() === 'ready' && this._items().length === 0);

  /** Applies filters (merged into the current ones) and reloads from the first page. */
  async applyFilters(change: Partial<WorkflowFilters>): Promise<void> {
    this._filters.update((filters) => ({ ...filters, ...change }));
    await this.load();
  }

  async clearFilters(): Promise<void> {
    this._filters.set(NO_FILTERS);
    await this.load();
  }

  async load(): Promise<void> {
    const ticket = ++this.ticket;
    this._state.set('loading');
    this._error.set(null);
    try {
      const page = await this.fetchPage(undefined);
      if (ticket !== this.ticket) return;
      this._items.set(page.items);
      this._nextCursor.set(page.nextCursor);
      this._state.set('ready');
    } catch (error) {
      if (ticket !== this.ticket) return;
      this._items.set([]);
      this._nextCursor.set(null);
      this._error.set(describeError(error));
      this._state.set('error');
    }
  }

  async loadMore(): Promise<void> {
    const cursor = this._nextCursor();
    if (cursor === null || this._state() === 'loading' || this._state() === 'loading-more') return;
    const ticket = ++this.ticket;
    this._state.set('loading-more');
    this._error.set(null);
    try {
      const page = await this.fetchPage(cursor);
      if (ticket !== this.ticket) return;
      this._items.update((items) => [...items, ...page.items]);
      this._nextCursor.set(page.nextCursor);
      this._state.set('ready');
    } catch (error) {
      if (ticket !== this.ticket) return;
      this._error.set(describeError(error));
      this._state.set('error');
    }
  }

  private fetchPage(cursor: string | undefined): Promise<WorkflowPageDto> {
    const { search, status, tag } = this._filters();
    return this.api.invoke(workflowsControllerList, {
      limit: PAGE_SIZE,
      cursor,
      search: search.trim() || undefined,
      status: status ?? undefined,
      tag: tag ?? undefined,
    });
  }
}
