import { ChangeDetectionStrategy, Component, input } from '@angular/core';

export type BadgeTone = 'neutral' | 'accent' | 'success' | 'warning';

/** A small rounded label; the tone carries meaning only alongside the text, never alone. */
@Component({
  selector: 'baton-badge',
  template: `<ng-content />`,
  host: { '[attr.data-tone]': 'tone()' },
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
      gap: 0.35em;
      padding: 0.1rem 0.55rem;
      border-radius: 999px;
      font-size: var(--text-xs);
      font-weight: 600;
      line-height: 1.5;
      white-space: nowrap;
      background: var(--surface-muted);
      color: var(--text-muted);
    }
    :host([data-tone='accent']) {
      background: var(--accent-soft);
      color: var(--accent-text);
    }
    :host([data-tone='success']) {
      background: var(--success-soft);
      color: var(--success-text);
    }
    :host([data-tone='warning']) {
      background: var(--warning-soft);
      color: var(--warning-text);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BadgeComponent {
  readonly tone = input<BadgeTone>('neutral');
}
