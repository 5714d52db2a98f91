import { ChangeDetectionStrategy, Component, effect, inject, input, signal, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';
import { AlertComponent } from '../shared/ui/alert.component';
import { BadgeComponent } from '../shared/ui/badge.component';
import { EmptyStateComponent } from '../shared/ui/empty-state.component';
import { SpinnerComponent } from '../shared/ui/spinner.component';
import type { TriggerDto, TriggerRunDto } from '../api/generated/models';
import { EditFormTriggerFormComponent } from './edit-form-trigger-form.component';
import { EditTriggerFormComponent } from './edit-trigger-form.component';
import { EditWebhookTriggerFormComponent } from './edit-webhook-trigger-form.component';
import { NewTriggerFormComponent, USER_TIME_ZONE } from './new-trigger-form.component';
import { TriggersStore, type NewTrigger } from './triggers.store';

// Next runs in the user's own zone (the browser's), with the zone named so nobody has to guess.
const LOCAL_TIME = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZoneName: 'short',
});
const COPY_FEEDBACK_MS = 2_000;

@Component({
  selector: 'baton-workflow-triggers-page',
  imports: [
    RouterLink,
    AlertComponent,
    BadgeComponent,
    EmptyStateComponent,
    SpinnerComponent,
    EditTriggerFormComponent,
    EditWebhookTriggerFormComponent,
    EditFormTriggerFormComponent,
    NewTriggerFormComponent,
  ],
  templateUrl: './workflow-triggers.page.html',
  styleUrl: './workflow-triggers.page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class WorkflowTriggersPage {
  /** Route parameter: the workflow id. */
  readonly id = input.required<string>();
  protected readonly store = inject(TriggersStore);
  protected readonly userZone = USER_TIME_ZONE;
  /** Which value was just copied ("url:<id>", "secret"), for the button's feedback. */
  protected readonly copied = signal<string | null>(null);
  protected readonly copyError = signal<string | null>(null);
  /** The trigger whose schedule form is open. */
  protected readonly editing = signal<string | null>(null);
  private copiedTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => void this.store.load(id));
    });
  }

  protected local(iso: string | null | undefined): string {
    return iso ? LOCAL_TIME.format(new Date(iso)) : '';
  }

  protected async create(body: NewTrigger): Promise<void> {
    await this.store.create(body);
  }

  protected async saveEdit(trigger: TriggerDto, changes: Partial<NewTrigger>): Promise<void> {
    if (await this.store.update(trigger, changes)) this.editing.set(null);
  }

  protected isRunList(runs: unknown): runs is readonly TriggerRunDto[] {
    return Array.isArray(runs);
  }

  protected async copy(key: string, text: string): Promise<void> {
    this.copyError.set(null);
    try {
      await navigator.clipboard.writeText(text);
      this.copied.set(key);
      clearTimeout(this.copiedTimer);
      this.copiedTimer = setTimeout(() => this.copied.set(null), COPY_FEEDBACK_MS);
    } catch {
      // No clipboard permission (or an insecure origin): the value is on screen to select by hand.
      this.copyError.set('Copying is not allowed here: select the text and copy it.');
    }
  }
}
