import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** A centred panel for "nothing here" and "could not load" states; actions go in the content. */
@Component({
  selector: 'baton-empty-state',
  template: `
    <div class="icon" aria-hidden="true">
      @switch (icon()) {
        @case ('error') {
          <svg viewBox="0 0 24 24">
            <circle cx="12" cy="12" r="9" />
            <path d="M12 7.5v5.5M12 16.5v.01" />
          </svg>
        }
        @case ('search') {
          <svg viewBox="0 0 24 24">
            <circle cx="11" cy="11" r="6.5" />
            <path d="m20 20-4.2-4.2" />
          </svg>
        }
        @default {
          <svg viewBox="0 0 24 24">
            <rect x="3.5" y="4.5" width="17" height="15" rx="2.5" />
            <path d="M3.5 9.5h17M8 14h8" />
          </svg>
        }
      }
    </div>
    <h2 class="title">{{ heading() }}</h2>
    @if (description()) {
      <p class="description">{{ description() }}</p>
    }
    <div class="actions"><ng-content /></div>
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: var(--space-2);
      padding: var(--space-12) var(--space-6);
      text-align: center;
    }
    .icon {
      display: grid;
      place-items: center;
      width: 48px;
      height: 48px;
      margin-bottom: var(--space-2);
      border-radius: var(--radius-lg);
      background: var(--surface-muted);
      color: var(--text-muted);
    }
    :host([data-icon='error']) .icon {
      background: var(--danger-soft);
      color: var(--danger-text);
    }
    svg {
      width: 24px;
      height: 24px;
      fill: none;
      stroke: currentColor;
      stroke-width: 1.75;
      stroke-linecap: round;
      stroke-linejoin: round;
    }
    .title {
      margin: 0;
      font-size: var(--text-lg);
    }
    .description {
      max-width: 46ch;
      margin: 0;
      color: var(--text-muted);
    }
    .actions:not(:empty) {
      display: flex;
      gap: var(--space-2);
      margin-top: var(--space-3);
    }
  `,
  host: { '[attr.data-icon]': 'icon()' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EmptyStateComponent {
  readonly heading = input.required<string>();
  readonly description = input<string>('');
  readonly icon = input<'empty' | 'search' | 'error'>('empty');
}
