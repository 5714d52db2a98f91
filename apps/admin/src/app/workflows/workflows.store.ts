import { Injectable, computed, inject, signal } from '@angular/core';
import { BatonApi } from '../api/generated/baton-api';
import {
  executionsControllerList,
  workflowLifecycleControllerActivate,
  workflowLifecycleControllerPause,
  workflowLifecycleControllerRemove,
  triggersControllerCreate,
  workflowImportControllerImportSeed,
  workflowsControllerCreate,
  workflowsControllerGet,
  workflowsControllerList,
} from '../api/generated/functions';
import type {
  CreateWorkflowDto,
  ImportSeedWorkflowDto,
  WorkflowListItemDto as WorkflowSummary,
  WorkflowPageDto,
} from '../api/generated/models';
import type { WorkflowStatus } from '../core/api-types';
import { describeError, errorStatus } from '../core/describe-error';
import { ConfirmDialogService } from '../shared/ui/confirm-dialog.service';
import type { TriggersControllerCreate$Params } from '../api/generated/fn/triggers/triggers-controller-create';
import type { ExampleWorkflow } from './example-workflows';
import { downloadJson, readSeedWorkflow, readWorkflowFile, toWorkflowFile, workflowFileName } from './workflow-file';

const PAGE_SIZE = 25;
/** What the API counts as "running" when it refuses a delete. */
const LIVE_STATUSES = 'pending,running,paused';

export interface WorkflowFilters {
  readonly search: string;
  readonly status: WorkflowStatus | null;
  readonly tag: string | null;
}

const NO_FILTERS: WorkflowFilters = { search: '', status: null, tag: null };

type LoadState = 'idle' | 'loading' | 'loading-more' | 'ready' | 'error';

/** The outcome of the last row or import action, shown above the list. */
export interface ListNotice {
  readonly tone: 'info' | 'error';
  readonly text: string;
}

/** The workflow list: filters, cursor pages and load state. Provided on the workflows route. */
@Injectable()
export class WorkflowsStore {
  private readonly api = inject(BatonApi);
  private readonly confirm = inject(ConfirmDialogService);

  private readonly _items = signal<readonly WorkflowSummary[]>([]);
  private readonly _nextCursor = signal<string | null>(null);
  private readonly _filters = signal<WorkflowFilters>(NO_FILTERS);
  private readonly _state = signal<LoadState>('idle');
  private readonly _error = signal<string | null>(null);
  private readonly _notice = signal<ListNotice | null>(null);
  /** Ids of workflows with an action in flight (their row's buttons are disabled). */
  private readonly _busyIds = signal<ReadonlySet<string>>(new Set());
  private readonly _importing = signal(false);
  // Each load takes a ticket; a response whose ticket is no longer the latest is dropped, so a
  // slow response for an old filter cannot overwrite the list for the current one.
  private ticket = 0;

  readonly items = this._items.asReadonly();
  readonly filters = this._filters.asReadonly();
  readonly error = this._error.asReadonly();
  readonly notice = this._notice.asReadonly();
  readonly busyIds = this._busyIds.asReadonly();
  readonly isImporting = this._importing.asReadonly();
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

  /** Reloads the first page; `quiet` keeps the rows (and keyboard focus) on screen meanwhile. */
  async load(quiet = false): Promise<void> {
    const ticket = ++this.ticket;
    if (!quiet) this._state.set('loading');
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

  dismissNotice(): void {
    this._notice.set(null);
  }

  async activate(workflow: WorkflowSummary): Promise<void> {
    await this.act(workflow, async () => {
      await this.api.invoke(workflowLifecycleControllerActivate, { id: workflow.id });
      return `${workflow.name} is active: its triggers fire.`;
    });
  }

  async pause(workflow: WorkflowSummary): Promise<void> {
    await this.act(workflow, async () => {
      await this.api.invoke(workflowLifecycleControllerPause, { id: workflow.id });
      return `${workflow.name} is paused: its triggers stop firing.`;
    });
  }

  /** A draft copy with the current definition, tags and settings. */
  async duplicate(workflow: WorkflowSummary): Promise<void> {
    await this.act(workflow, async () => {
      const full = await this.api.invoke(workflowsControllerGet, { id: workflow.id });
      const { name, description, format, tags, settings, definition } = full;
      const copy = await this.api.invoke(workflowsControllerCreate, {
        body: {
          name: `${name} (copy)`.slice(0, 200),
          description,
          format,
          tags: [...tags],
          settings,
          definition: definition as CreateWorkflowDto['definition'],
          status: 'draft',
        },
      });
      return `Duplicated as ${copy.name}.`;
    });
  }

  /**
   * Asks first. A workflow with live executions is refused by the API (409) unless forced, so
   * the store looks for live runs before asking and, if there are any, asks "cancel them and
   * delete?" instead; the 409 still covers a run that starts in between.
   */
  async remove(workflow: WorkflowSummary): Promise<void> {
    await this.act(workflow, async () => {
      const live = await this.api.invoke(executionsControllerList, {
        workflowId: workflow.id,
        status: LIVE_STATUSES,
        limit: 1,
      });
      const confirmed = live.items.length ? await this.askForce(workflow) : await this.askDelete(workflow);
      if (!confirmed) return null;
      try {
        await this.api.invoke(workflowLifecycleControllerRemove, { id: workflow.id, force: live.items.length > 0 });
      } catch (error) {
        if (errorStatus(error) !== 409) throw error;
        if (!(await this.askForce(workflow))) return `${workflow.name} was not deleted.`;
        await this.api.invoke(workflowLifecycleControllerRemove, { id: workflow.id, force: true });
      }
      return `Deleted ${workflow.name}.`;
    });
  }

  private askDelete(workflow: WorkflowSummary): Promise<boolean> {
    return this.confirm.ask({
      title: `Delete ${workflow.name}?`,
      message: 'The workflow, its versions and its triggers are deleted. Past executions stay in monitoring.',
      confirmLabel: 'Delete workflow',
    });
  }

  private askForce(workflow: WorkflowSummary): Promise<boolean> {
    return this.confirm.ask({
      title: `${workflow.name} is running`,
      message: 'It has executions in progress. Deleting it cancels them first; past executions stay in monitoring.',
      confirmLabel: 'Cancel runs and delete',
      cancelLabel: 'Keep it',
    });
  }

  async export(workflow: WorkflowSummary): Promise<void> {
    await this.act(
      workflow,
      async () => {
        const full = await this.api.invoke(workflowsControllerGet, { id: workflow.id });
        downloadJson(workflowFileName(full.name), toWorkflowFile(full));
        return `Exported ${full.name} (version ${full.currentVersion}).`;
      },
      false,
    );
  }

  /** Creates a workflow from an exported file, a bare graph / ASL definition or a seed-format workflow. */
  async importFile(file: File): Promise<void> {
    if (this._importing()) return;
    this._importing.set(true);
    try {
      const text = await file.text();
      const seed = readSeedWorkflow(text);
      if (seed) {
        // The API maps seed node types, inputs and handles, and makes its cron a trigger.
        const imported = await this.api.invoke(workflowImportControllerImportSeed, {
          body: seed as unknown as ImportSeedWorkflowDto,
        });
        await this.load(true);
        const notes = imported.notes.length ? ` Mapped from the seed format: ${imported.notes.join(' ')}` : '';
        this._notice.set({ tone: 'info', text: `Imported ${imported.workflow.name}.${notes}` });
        return;
      }
      const request = readWorkflowFile(text, file.name);
      const created = await this.api.invoke(workflowsControllerCreate, { body: request });
      await this.load(true);
      this._notice.set({ tone: 'info', text: `Imported ${created.name}.` });
    } catch (error) {
      this._notice.set({
        tone: 'error',
        text: `Could not import ${file.name}: ${error instanceof Error ? error.message : describeError(error)}`,
      });
    } finally {
      this._importing.set(false);
    }
  }

  async importExamples(examples: readonly ExampleWorkflow[]): Promise<void> {
    if (this._importing()) return;
    this._importing.set(true);
    try {
      for (const example of examples) {
        const { name, description, format, tags, definition } = example;
        const created = await this.api.invoke(workflowsControllerCreate, {
          body: { name, description, format, tags: [...tags], definition },
        });
        // The lead magnet's form: its page answers once the user picked credentials and activated it.
        if (example.trigger)
          await this.api.invoke(triggersControllerCreate, {
            id: created.id,
            body: example.trigger as unknown as TriggersControllerCreate$Params['body'],
          });
      }
      await this.load();
      this._notice.set({
        tone: 'info',
        text: `Imported ${examples.length} example workflow${examples.length === 1 ? '' : 's'}. Open one and press Run.`,
      });
    } catch (error) {
      this._notice.set({ tone: 'error', text: `Could not import the examples: ${describeError(error)}` });
      await this.load();
    } finally {
      this._importing.set(false);
    }
  }

  /** Runs one row action with its buttons disabled, reports the outcome, and reloads the list. */
  private async act(workflow: WorkflowSummary, action: () => Promise<string | null>, reload = true): Promise<void> {
    if (this._busyIds().has(workflow.id)) return;
    this._busyIds.update((ids) => new Set(ids).add(workflow.id));
    try {
      const outcome = await action();
      if (outcome === null) return;
      // The message appears with the list that reflects it.
      if (reload) await this.load(true);
      this._notice.set({ tone: 'info', text: outcome });
    } catch (error) {
      this._notice.set({ tone: 'error', text: describeError(error, { 404: `${workflow.name} no longer exists.` }) });
    } finally {
      this._busyIds.update((ids) => {
        const next = new Set(ids);
        next.delete(workflow.id);
        return next;
      });
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
