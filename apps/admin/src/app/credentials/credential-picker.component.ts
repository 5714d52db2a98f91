import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { RouterLink } from '@angular/router';
import { CredentialChoicesStore } from './credential-choices.store';

/**
 * Picks a stored credential for a node's `credentialId` setting, offering only the kinds the
 * node type accepts. A saved id that is no longer offered (deleted, other kind) stays visible
 * as unknown, so the choice is not silently lost.
 */
@Component({
  selector: 'baton-credential-picker',
  imports: [RouterLink],
  template: `
    <div class="picker">
      <select [id]="inputId()" (change)="valueChange.emit($any($event.target).value)">
        <option value="" [selected]="!value()">No credential</option>
        @for (choice of matching(); track choice.id) {
          <option [value]="choice.id" [selected]="choice.id === value()">{{ choice.name }} ({{ choice.kind }})</option>
        }
        @if (unknown()) {
          <option [value]="value()" selected>Unknown credential {{ value().slice(0, 8) }}</option>
        }
      </select>
      <button
        type="button"
        class="btn btn-ghost btn-sm"
        aria-label="Reload credentials"
        title="Reload credentials"
        (click)="reload()"
      >
        ↻
      </button>
    </div>
    <p class="hint" data-testid="credential-picker-hint">
      @if (store.error(); as error) {
        <span class="problem">Could not load credentials: {{ error }}</span>
      } @else if (!matching().length) {
        No {{ kindList() }} credential yet.
      } @else {
        Accepts {{ kindList() }}.
      }
      <a routerLink="/credentials" target="_blank">Manage credentials</a>
    </p>
  `,
  styles: `
    .picker {
      display: flex;
      gap: var(--space-1);
    }
    select {
      flex: 1;
      min-width: 0;
    }
    .hint {
      margin: 0;
      color: var(--text-muted);
      font-size: var(--text-xs);
    }
    .problem {
      color: var(--danger-text);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CredentialPickerComponent {
  protected readonly store = inject(CredentialChoicesStore);
  readonly inputId = input.required<string>();
  /** Credential kinds the node type accepts; empty accepts any. */
  readonly kinds = input<readonly string[]>([]);
  readonly value = input('');
  readonly valueChange = output<string>();

  protected readonly matching = computed(() => {
    const kinds = this.kinds();
    return this.store.choices().filter((choice) => !kinds.length || kinds.includes(choice.kind));
  });
  protected readonly unknown = computed(
    () => this.value() !== '' && !this.matching().some((choice) => choice.id === this.value()),
  );
  protected readonly kindList = computed(() => (this.kinds().length ? this.kinds().join(' or ') : 'any'));

  constructor() {
    void this.store.load();
  }

  protected reload(): void {
    this.store.invalidate();
    void this.store.load();
  }
}
