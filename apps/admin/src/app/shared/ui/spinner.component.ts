import { ChangeDetectionStrategy, Component, input } from '@angular/core';

@Component({
  selector: 'baton-spinner',
  template: `@if (label()) {
    <span class="visually-hidden">{{ label() }}</span>
  }`,
  // Without a label the spinner is decoration beside visible text (e.g. "Signing in…" in a button).
  host: { '[attr.role]': "label() ? 'status' : null", '[attr.aria-hidden]': "label() ? null : 'true'" },
  styles: `
    :host {
      display: inline-block;
      flex: none;
      width: 1em;
      height: 1em;
      border: 2px solid currentColor;
      border-right-color: transparent;
      border-radius: 50%;
      animation: spin 0.7s linear infinite;
      vertical-align: -0.125em;
    }
    @keyframes spin {
      to {
        transform: rotate(360deg);
      }
    }
    @media (prefers-reduced-motion: reduce) {
      :host {
        animation-duration: 2s;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SpinnerComponent {
  readonly label = input('');
}
