import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** An inline message box. Errors use role="alert" so screen readers announce them at once. */
@Component({
  selector: 'baton-alert',
  template: `<ng-content />`,
  host: {
    '[attr.role]': "tone() === 'error' ? 'alert' : 'status'",
    '[attr.data-tone]': 'tone()',
  },
  styles: `
    :host {
      display: block;
      padding: var(--space-3) var(--space-4);
      border: 1px solid var(--info-border);
      border-radius: var(--radius-md);
      background: var(--info-soft);
      color: var(--info-text);
      font-size: var(--text-sm);
    }
    :host([data-tone='error']) {
      border-color: var(--danger-border);
      background: var(--danger-soft);
      color: var(--danger-text);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AlertComponent {
  readonly tone = input<'info' | 'error'>('info');
}
