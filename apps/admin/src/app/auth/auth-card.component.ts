import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** Centred card layout shared by sign-in and set-up, which appear before the console shell. */
@Component({
  selector: 'baton-auth-card',
  template: `
    <main class="card" aria-labelledby="auth-heading">
      <div class="brand" aria-hidden="true">
        <svg viewBox="0 0 32 32">
          <rect width="32" height="32" rx="8" fill="currentColor" />
          <path d="M9 23 23 9" stroke="#fff" stroke-width="3.5" stroke-linecap="round" />
          <circle cx="23" cy="9" r="3" fill="#c7d2fe" />
        </svg>
        Baton
      </div>
      <h1 id="auth-heading">{{ heading() }}</h1>
      @if (description()) {
        <p class="description">{{ description() }}</p>
      }
      <ng-content />
    </main>
  `,
  styles: `
    :host {
      display: grid;
      place-items: center;
      min-height: 100dvh;
      padding: var(--space-6) var(--space-4);
      background: radial-gradient(60rem 30rem at 50% -10%, var(--accent-soft), transparent 70%), var(--bg);
    }
    .card {
      width: 100%;
      max-width: 26rem;
      padding: var(--space-8);
      border: 1px solid var(--border);
      border-radius: var(--radius-lg);
      background: var(--surface);
      box-shadow: var(--shadow-lg);
    }
    .brand {
      display: flex;
      align-items: center;
      gap: var(--space-2);
      margin-bottom: var(--space-6);
      color: var(--accent);
      font-weight: 700;
    }
    .brand svg {
      width: 28px;
      height: 28px;
    }
    h1 {
      margin: 0;
      font-size: var(--text-xl);
      letter-spacing: -0.01em;
    }
    .description {
      margin: var(--space-2) 0 0;
      color: var(--text-muted);
    }
    @media (max-width: 480px) {
      .card {
        padding: var(--space-6) var(--space-5);
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuthCardComponent {
  readonly heading = input.required<string>();
  readonly description = input('');
}
