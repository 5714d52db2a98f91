import { Injectable, computed, inject, signal } from '@angular/core';
import { BatonApi } from '../api/generated/baton-api';
import {
  triggersControllerCreate,
  triggersControllerList,
  triggersControllerNextRuns,
  triggersControllerRemove,
  triggersControllerReplace,
  triggersControllerRuns,
  workflowLifecycleControllerActivate,
  workflowLifecycleControllerPause,
  workflowsControllerGet,
} from '../api/generated/functions';
import type { NextRunDto, TriggerDto, TriggerRunDto, WorkflowDto } from '../api/generated/models';
import type { TriggersControllerCreate$Params } from '../api/generated/fn/triggers/triggers-controller-create';
import { describeError } from '../core/describe-error';
import { ConfirmDialogService } from '../shared/ui/confirm-dialog.service';

export type NewTrigger = TriggersControllerCreate$Params['body'];
const NEXT_RUNS = 5;

/** A secret the API returned once, for the trigger that was just created. */
export interface RevealedSecret {
  readonly triggerId: string;
  readonly secret: string;
}

/**
 * One workflow's triggers: the list, each time-based trigger's next runs, create and delete,
 * and the workflow's active/paused switch (only an active workflow's triggers fire).
 * Provided on the triggers route.
 */
@Injectable()
export class TriggersStore {
  private readonly api = inject(BatonApi);
  private readonly confirm = inject(ConfirmDialogService);

  private readonly _workflow = signal<WorkflowDto | null>(null);
  private readonly _triggers = signal<readonly TriggerDto[]>([]);
  private readonly _nextRuns = signal<Readonly<Record<string, readonly NextRunDto[]>>>({});
  private readonly _loading = signal(true);
  private readonly _loadError = signal<string | null>(null);
  private readonly _createError = signal<string | null>(null);
  private readonly _creating = signal(false);
  private readonly _notice = signal<{ tone: 'info' | 'error'; text: string } | null>(null);
  private readonly _secret = signal<RevealedSecret | null>(null);
  private readonly _switching = signal(false);
  private readonly _saving = signal<string | null>(null);
  private readonly _editError = signal<{ triggerId: string; text: string } | null>(null);
  private readonly _runs = signal<Readonly<Record<string, readonly TriggerRunDto[] | 'loading' | { error: string }>>>(
    {},
  );

  readonly workflow = this._workflow.asReadonly();
  readonly triggers = this._triggers.asReadonly();
  readonly nextRuns = this._nextRuns.asReadonly();
  readonly isLoading = this._loading.asReadonly();
  readonly loadError = this._loadError.asReadonly();
  readonly createError = this._createError.asReadonly();
  readonly isCreating = this._creating.asReadonly();
  readonly notice = this._notice.asReadonly();
  readonly revealedSecret = this._secret.asReadonly();
  readonly isSwitching = this._switching.asReadonly();
  /** Id of the trigger whose settings are being saved. */
  readonly savingId = this._saving.asReadonly();
  readonly editError = this._editError.asReadonly();
  /** Runs by trigger id, for the triggers whose run list is open. */
  readonly runs = this._runs.asReadonly();
  readonly isActive = computed(() => this._workflow()?.status === 'active');

  async load(workflowId: string): Promise<void> {
    this._loading.set(true);
    this._loadError.set(null);
    try {
      const [workflow, triggers] = await Promise.all([
        this.api.invoke(workflowsControllerGet, { id: workflowId }),
        this.api.invoke(triggersControllerList, { id: workflowId }),
      ]);
      this._workflow.set(workflow);
      this._triggers.set(triggers);
      await this.loadNextRuns(triggers);
    } catch (error) {
      this._loadError.set(describeError(error, { 404: 'This workflow does not exist or was deleted.' }));
    } finally {
      this._loading.set(false);
    }
  }

  /** Creates the trigger; resolves true so the form can reset. A 400 names the bad field. */
  async create(body: NewTrigger): Promise<boolean> {
    const workflow = this._workflow();
    if (!workflow || this._creating()) return false;
    this._creating.set(true);
    this._createError.set(null);
    try {
      const created = await this.api.invoke(triggersControllerCreate, { id: workflow.id, body });
      this._secret.set(created.secret ? { triggerId: created.id, secret: created.secret } : null);
      this._triggers.update((triggers) => [...triggers, { ...created, secret: undefined }]);
      await this.loadNextRuns([created]);
      this._notice.set({
        tone: 'info',
        text: `Added a ${created.type} trigger.${this.isActive() ? '' : ' It fires once the workflow is active.'}`,
      });
      return true;
    } catch (error) {
      this._createError.set(describeError(error));
      return false;
    } finally {
      this._creating.set(false);
    }
  }

  async remove(trigger: TriggerDto): Promise<void> {
    const confirmed = await this.confirm.ask({
      title: `Delete this ${trigger.type} trigger?`,
      message: trigger.url ? 'Its public URL stops working at once.' : 'It stops starting runs at once.',
      confirmLabel: 'Delete trigger',
    });
    if (!confirmed) return;
    try {
      await this.api.invoke(triggersControllerRemove, { id: trigger.id });
      this._triggers.update((triggers) => triggers.filter((t) => t.id !== trigger.id));
      if (this._secret()?.triggerId === trigger.id) this._secret.set(null);
      this._notice.set({ tone: 'info', text: `Deleted the ${trigger.type} trigger.` });
    } catch (error) {
      this._notice.set({ tone: 'error', text: `Could not delete the trigger: ${describeError(error)}` });
    }
  }

  async setActive(active: boolean): Promise<void> {
    const workflow = this._workflow();
    if (!workflow || this._switching()) return;
    this._switching.set(true);
    try {
      const call = active ? workflowLifecycleControllerActivate : workflowLifecycleControllerPause;
      this._workflow.set(await this.api.invoke(call, { id: workflow.id }));
      // Activation may move next runs (the scheduler recomputes them); read them again.
      const triggers = await this.api.invoke(triggersControllerList, { id: workflow.id });
      this._triggers.set(triggers);
      await this.loadNextRuns(triggers);
      this._notice.set({
        tone: 'info',
        text: active ? 'Workflow active: its triggers fire.' : 'Workflow paused: its triggers do not fire.',
      });
    } catch (error) {
      this._notice.set({
        tone: 'error',
        text: `Could not ${active ? 'activate' : 'pause'} the workflow: ${describeError(error)}`,
      });
    } finally {
      this._switching.set(false);
    }
  }

  /**
   * Replaces a trigger's settings (PUT is a full replacement: unchanged fields are sent back as
   * they are). Resolves true when saved; a 400 names the bad field beside the trigger.
   */
  async update(trigger: TriggerDto, changes: Partial<NewTrigger>): Promise<boolean> {
    if (this._saving()) return false;
    this._saving.set(trigger.id);
    this._editError.set(null);
    try {
      const saved = await this.api.invoke(triggersControllerReplace, {
        id: trigger.id,
        body: { ...settingsOf(trigger), ...changes } as NewTrigger,
      });
      if (saved.secret) this._secret.set({ triggerId: saved.id, secret: saved.secret });
      this._triggers.update((triggers) =>
        triggers.map((t) => (t.id === saved.id ? { ...saved, secret: undefined } : t)),
      );
      await this.loadNextRuns([saved]);
      return true;
    } catch (error) {
      this._editError.set({ triggerId: trigger.id, text: describeError(error) });
      return false;
    } finally {
      this._saving.set(null);
    }
  }

  async setEnabled(trigger: TriggerDto, enabled: boolean): Promise<void> {
    if (await this.update(trigger, { enabled })) {
      this._notice.set({
        tone: 'info',
        text: `${enabled ? 'Enabled' : 'Disabled'} the ${trigger.type} trigger.${enabled ? '' : ' It starts no runs until enabled again.'}`,
      });
    }
  }

  /** Opens (loads) or closes a trigger's run list. */
  async toggleRuns(trigger: TriggerDto): Promise<void> {
    if (this._runs()[trigger.id]) {
      this._runs.update(({ [trigger.id]: _closed, ...open }) => open);
      return;
    }
    this._runs.update((runs) => ({ ...runs, [trigger.id]: 'loading' }));
    try {
      const runs = await this.api.invoke(triggersControllerRuns, { id: trigger.id });
      this._runs.update((open) => ({ ...open, [trigger.id]: runs }));
    } catch (error) {
      this._runs.update((open) => ({ ...open, [trigger.id]: { error: describeError(error) } }));
    }
  }

  dismissSecret(): void {
    this._secret.set(null);
  }

  dismissNotice(): void {
    this._notice.set(null);
  }

  private async loadNextRuns(triggers: readonly TriggerDto[]): Promise<void> {
    const timed = triggers.filter((t) => t.type === 'cron' || t.type === 'once');
    const previews = await Promise.all(
      timed.map(async (t) => {
        try {
          return [
            t.id,
            (await this.api.invoke(triggersControllerNextRuns, { id: t.id, count: NEXT_RUNS })).runs,
          ] as const;
        } catch {
          // A preview that fails leaves that trigger without a list; the trigger still shows.
          return [t.id, []] as const;
        }
      }),
    );
    this._nextRuns.update((runs) => ({ ...runs, ...Object.fromEntries(previews) }));
  }
}

/** The writable settings of a trigger as the API returned it, ready to send back with PUT. */
function settingsOf(trigger: TriggerDto): Record<string, unknown> {
  const picked: Record<string, unknown> = { type: trigger.type, enabled: trigger.enabled };
  const fields: Record<TriggerDto['type'], readonly (keyof TriggerDto)[]> = {
    cron: ['expression', 'timezone', 'catchUp'],
    once: ['at'],
    webhook: ['methods', 'responseMode', 'rateLimitPerMinute', 'signed', 'mode'],
    form: ['title', 'fields', 'thankYou', 'response', 'mode'],
  };
  for (const field of fields[trigger.type])
    if (trigger[field] !== undefined && trigger[field] !== null) picked[field] = trigger[field];
  return picked;
}
