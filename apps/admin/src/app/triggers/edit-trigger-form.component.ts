import { ChangeDetectionStrategy, Component, type OnInit, computed, input, output, signal } from '@angular/core';
import type { TriggerDto } from '../api/generated/models';
import type { NewTrigger } from './triggers.store';

/**
 * Inline edit of a time-based trigger's schedule (cron expression, zone and catch-up, or the
 * one-time instant). Webhook and form triggers have their own edit forms beside this one.
 */
@Component({
  selector: 'baton-edit-trigger-form',
  template: `
    <form class="edit" (submit)="save($event)" [attr.aria-label]="'Edit ' + trigger().type + ' trigger'">
      @if (trigger().type === 'cron') {
        <label [for]="'edit-expression-' + trigger().id">Cron expression</label>
        <input
          [id]="'edit-expression-' + trigger().id"
          class="code"
          autocomplete="off"
          spellcheck="false"
          required
          [value]="expression()"
          (input)="expression.set($any($event.target).value)"
        />
        <label [for]="'edit-timezone-' + trigger().id">Time zone</label>
        <input
          [id]="'edit-timezone-' + trigger().id"
          autocomplete="off"
          [value]="timezone()"
          (input)="timezone.set($any($event.target).value)"
        />
        <label [for]="'edit-catch-up-' + trigger().id">Missed runs</label>
        <select [id]="'edit-catch-up-' + trigger().id" (change)="catchUp.set($any($event.target).value)">
          <option value="none" [selected]="catchUp() === 'none'">Skip them</option>
          <option value="latest" [selected]="catchUp() === 'latest'">Run the latest once</option>
          <option value="all" [selected]="catchUp() === 'all'">Run them all (bounded)</option>
        </select>
      } @else {
        <label [for]="'edit-at-' + trigger().id">Run at (your time)</label>
        <input
          [id]="'edit-at-' + trigger().id"
          type="datetime-local"
          required
          [value]="at()"
          (input)="at.set($any($event.target).value)"
        />
      }
      @if (error(); as error) {
        <p class="field-error" role="alert">{{ error }}</p>
      }
      <div class="buttons">
        <button type="submit" class="btn btn-primary btn-sm" [disabled]="busy() || !changed()">Save schedule</button>
        <button type="button" class="btn btn-ghost btn-sm" (click)="cancelled.emit()">Cancel</button>
      </div>
    </form>
  `,
  styles: `
    .edit {
      display: grid;
      grid-template-columns: max-content minmax(0, 1fr);
      gap: 0.4rem 0.6rem;
      align-items: center;
      margin: 0.5rem 0;
    }
    .edit label {
      font-size: 0.85rem;
    }
    .code {
      font-family: ui-monospace, monospace;
    }
    .field-error,
    .buttons {
      grid-column: 1 / -1;
      margin: 0;
    }
    .buttons {
      display: flex;
      gap: 0.4rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EditTriggerFormComponent implements OnInit {
  readonly trigger = input.required<TriggerDto>();
  readonly busy = input(false);
  readonly error = input<string | null>(null);
  readonly submitted = output<Partial<NewTrigger>>();
  readonly cancelled = output<void>();

  protected readonly expression = signal('');
  protected readonly timezone = signal('');
  protected readonly catchUp = signal('none');
  protected readonly at = signal('');
  protected readonly changed = computed(() => {
    const t = this.trigger();
    return t.type === 'cron'
      ? this.expression().trim() !== t.expression ||
          this.timezone().trim() !== t.timezone ||
          this.catchUp() !== (t.catchUp ?? 'none')
      : this.at() !== toLocalInput(t.at);
  });

  ngOnInit(): void {
    const t = this.trigger();
    this.expression.set(t.expression ?? '');
    this.timezone.set(t.timezone ?? '');
    this.catchUp.set(t.catchUp ?? 'none');
    this.at.set(toLocalInput(t.at));
  }

  protected save(event: Event): void {
    event.preventDefault();
    if (this.trigger().type === 'cron')
      this.submitted.emit({
        expression: this.expression().trim(),
        timezone: this.timezone().trim() || 'UTC',
        catchUp: this.catchUp(),
      } as Partial<NewTrigger>);
    else this.submitted.emit({ at: new Date(this.at()).toISOString() } as Partial<NewTrigger>);
  }
}

/** An ISO instant as a datetime-local value in the browser's zone. */
function toLocalInput(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
