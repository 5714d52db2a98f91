import { ChangeDetectionStrategy, Component, computed, input, linkedSignal, output, signal } from '@angular/core';
import type { TriggerDto } from '../api/generated/models';
import type { NewTrigger } from './triggers.store';

/** Inline edit of a form trigger: its title, fields (JSON), thank-you text and what a submission shows. Its URL stays. */
@Component({
  selector: 'baton-edit-form-trigger-form',
  template: `
    <form class="edit" aria-label="Edit form trigger" (submit)="save($event)">
      <label [for]="id('title')">Form title</label>
      <input
        maxlength="200"
        placeholder="Defaults to the workflow name"
        [id]="id('title')"
        [value]="title()"
        (input)="title.set($any($event.target).value)"
      />
      <label [for]="id('fields')">Fields (JSON)</label>
      <textarea
        class="code"
        rows="7"
        spellcheck="false"
        [id]="id('fields')"
        [value]="fieldsText()"
        (input)="fieldsText.set($any($event.target).value)"
      ></textarea>
      <label [for]="id('thanks')">Thank-you message</label>
      <input
        maxlength="2000"
        [id]="id('thanks')"
        [value]="thankYou()"
        (input)="thankYou.set($any($event.target).value)"
      />
      <label [for]="id('response')">After a submission, show</label>
      <select [id]="id('response')" [value]="response()" (change)="response.set($any($event.target).value)">
        <option value="thank-you">The thank-you message</option>
        <option value="status-page">A job status page (with links to published results)</option>
      </select>
      @if (localError() ?? error(); as message) {
        <p class="field-error" role="alert">{{ message }}</p>
      }
      <div class="buttons">
        <button type="submit" class="btn btn-primary btn-sm" [disabled]="busy() || !changed()">Save form</button>
        <button type="button" class="btn btn-ghost btn-sm" (click)="cancelled.emit()">Cancel</button>
      </div>
    </form>
  `,
  styleUrl: './edit-trigger-settings.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EditFormTriggerFormComponent {
  readonly trigger = input.required<TriggerDto>();
  readonly busy = input(false);
  readonly error = input<string | null>(null);
  readonly submitted = output<Partial<NewTrigger>>();
  readonly cancelled = output<void>();

  protected readonly title = linkedSignal(() => this.trigger().title ?? '');
  protected readonly fieldsText = linkedSignal(() => JSON.stringify(this.trigger().fields ?? [], null, 2));
  protected readonly thankYou = linkedSignal(() => this.trigger().thankYou ?? '');
  protected readonly response = linkedSignal<'thank-you' | 'status-page'>(() => this.trigger().response ?? 'thank-you');
  protected readonly localError = signal<string | null>(null);
  protected readonly changed = computed(() => {
    const t = this.trigger();
    return (
      this.title().trim() !== (t.title ?? '') ||
      this.fieldsText() !== JSON.stringify(t.fields ?? [], null, 2) ||
      this.thankYou().trim() !== (t.thankYou ?? '') ||
      this.response() !== (t.response ?? 'thank-you')
    );
  });

  protected id(name: string): string {
    return `edit-form-${name}-${this.trigger().id}`;
  }

  protected save(event: Event): void {
    event.preventDefault();
    let fields: unknown;
    try {
      fields = JSON.parse(this.fieldsText());
    } catch {
      this.localError.set('Fields are not valid JSON.');
      return;
    }
    if (!Array.isArray(fields) || !fields.length) {
      this.localError.set('Fields must be a JSON array with at least one field.');
      return;
    }
    this.localError.set(null);
    this.submitted.emit({
      fields,
      // Emptied: the server's default applies (an undefined key is not sent).
      title: this.title().trim() || undefined,
      thankYou: this.thankYou().trim() || undefined,
      // Always sent: a replace without it would fall back to the thank-you line.
      response: this.response(),
    } as Partial<NewTrigger>);
  }
}
