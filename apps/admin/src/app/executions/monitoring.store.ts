import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { BatonApi } from '../api/generated/baton-api';
import {
  executionStatsControllerGet,
  executionsControllerList,
  workflowsControllerList,
} from '../api/generated/functions';
import type { ExecutionStatsDto, ExecutionSummaryDto, WorkflowListItemDto } from '../api/generated/models';
import type { ExecutionStatus } from '../core/api-types';
import { describeError } from '../core/describe-error';
import { LiveExecutionEvents, type LiveExecutionEvent } from './live-execution-events';

const PAGE_SIZE = 50;
const POLL_MS = 3_000;
const RELOAD_DEBOUNCE_MS = 300;
// Queue depth changes with every step, not only with execution events: read it on a timer.
const STATS_MS = 5_000;
const STATUS_BY_EVENT: Record<string, ExecutionStatus> = {
  started: 'running',
  paused: 'paused',
  resumed: 'running',
  completed: 'completed',
  failed: 'failed',
  cancelled: 'cancelled',
};

export interface MonitoringFilters {
  readonly workflowId: string | null;
  readonly status: ExecutionStatus | null;
  /** datetime-local values; empty for no bound. */
  readonly from: string;
  readonly to: string;
}

const NO_FILTERS: MonitoringFilters = { workflowId: null, status: null, from: '', to: '' };

/**
 * All executions of the workspace, newest first, with live status changes: the store subscribes
 * to the workspace's events; a status change updates its row at once, an execution it has not
 * seen yet reloads the first page. Without the gateway it polls.
 */
@Injectable()
export class MonitoringStore {
  private readonly api = inject(BatonApi);
  private readonly live = inject(LiveExecutionEvents);

  private readonly _items = signal<readonly ExecutionSummaryDto[]>([]);
  private readonly _workflows = signal<readonly WorkflowListItemDto[]>([]);
  private readonly _filters = signal<MonitoringFilters>(NO_FILTERS);
  private readonly _nextCursor = signal<string | null>(null);
  private readonly _state = signal<'loading' | 'ready' | 'error'>('loading');
  private readonly _error = signal<string | null>(null);
  private readonly _stats = signal<ExecutionStatsDto | null>(null);
  private readonly _statsError = signal<string | null>(null);
  private ticket = 0;
  private statsTimer: ReturnType<typeof setInterval> | undefined;
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;
  private pollTimer: ReturnType<typeof setInterval> | undefined;

  readonly items = this._items.asReadonly();
  readonly workflows = this._workflows.asReadonly();
  readonly filters = this._filters.asReadonly();
  readonly error = this._error.asReadonly();
  readonly isLoading = computed(() => this._state() === 'loading');
  readonly hasFailed = computed(() => this._state() === 'error');
  readonly hasMore = computed(() => this._nextCursor() !== null);
  readonly liveMode = this.live.mode;
  readonly stats = this._stats.asReadonly();
  readonly statsError = this._statsError.asReadonly();
  readonly workflowNames = computed(() => new Map(this._workflows().map((w) => [w.id, w.name])));

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      clearTimeout(this.reloadTimer);
      clearInterval(this.pollTimer);
      clearInterval(this.statsTimer);
    });
  }

  start(): void {
    void this.loadWorkflows();
    void this.load();
    void this.loadStats();
    this.statsTimer = setInterval(() => void this.loadStats(), STATS_MS);
    this.live.connect(
      () => ({ workspace: true }),
      (event) => this.apply(event),
    );
    this.pollTimer = setInterval(() => {
      if (this.live.mode() !== 'live') void this.load(true);
    }, POLL_MS);
  }

  async applyFilters(change: Partial<MonitoringFilters>): Promise<void> {
    this._filters.update((filters) => ({ ...filters, ...change }));
    await this.load();
  }

  /** Reloads the first page; `quiet` keeps the current rows on screen while it loads. */
  async load(quiet = false): Promise<void> {
    const ticket = ++this.ticket;
    if (!quiet) this._state.set('loading');
    try {
      const page = await this.fetch(undefined);
      if (ticket !== this.ticket) return;
      this._items.set(page.items);
      this._nextCursor.set(page.nextCursor);
      this._error.set(null);
      this._state.set('ready');
    } catch (error) {
      if (ticket !== this.ticket || quiet) return;
      this._error.set(describeError(error));
      this._state.set('error');
    }
  }

  async loadStats(): Promise<void> {
    try {
      this._stats.set(await this.api.invoke(executionStatsControllerGet, {}));
      this._statsError.set(null);
    } catch (error) {
      // Keep the last numbers on screen and say they are stale.
      this._statsError.set(describeError(error));
    }
  }

  async loadMore(): Promise<void> {
    const cursor = this._nextCursor();
    if (!cursor) return;
    try {
      const page = await this.fetch(cursor);
      this._items.update((items) => [...items, ...page.items]);
      this._nextCursor.set(page.nextCursor);
    } catch (error) {
      this._error.set(describeError(error));
    }
  }

  private fetch(cursor: string | undefined) {
    const { workflowId, status, from, to } = this._filters();
    return this.api.invoke(executionsControllerList, {
      limit: PAGE_SIZE,
      cursor,
      workflowId: workflowId ?? undefined,
      status: status ?? undefined,
      from: from ? new Date(from).toISOString() : undefined,
      to: to ? new Date(to).toISOString() : undefined,
    });
  }

  private async loadWorkflows(): Promise<void> {
    try {
      this._workflows.set((await this.api.invoke(workflowsControllerList, { limit: 100 })).items);
    } catch {
      // The filter then offers "All workflows" only; the list itself reports errors.
    }
  }

  private apply(event: LiveExecutionEvent): void {
    const status = STATUS_BY_EVENT[event.type];
    if (!status) return;
    const known = this._items().some((item) => item.id === event.executionId);
    if (known) {
      this._items.update((items) => items.map((item) => (item.id === event.executionId ? { ...item, status } : item)));
    }
    // New executions, and timings of finished ones, come from the list itself.
    clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => void this.load(true), RELOAD_DEBOUNCE_MS);
  }
}
