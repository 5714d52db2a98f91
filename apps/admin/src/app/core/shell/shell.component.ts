import { ChangeDetectionStrategy, Component, effect, inject, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { type ActivatedRouteSnapshot, NavigationEnd, Router, RouterOutlet } from '@angular/router';
import { filter, map } from 'rxjs';
import { SessionStore } from '../session.store';
import { AccountStore } from './account.store';
import { ConfirmDialogComponent } from '../../shared/ui/confirm-dialog.component';
import { TopBarComponent } from './top-bar.component';

/** Layout of the signed-in console: skip link, top bar, and the feature outlet. */
@Component({
  selector: 'baton-shell',
  imports: [RouterOutlet, TopBarComponent, ConfirmDialogComponent],
  template: `
    <a class="skip-link" href="#main" (click)="focusMain($event)">Skip to main content</a>
    <baton-top-bar
      [workspaceName]="account.workspaceName()"
      [userName]="account.userName()"
      [role]="account.role()"
      (signOut)="signOut()"
    />
    @if (account.error(); as error) {
      <p class="account-error" role="status">Could not load your account: {{ error }}</p>
    }
    <main id="main" tabindex="-1" [class.full-window]="fullWindow()">
      <router-outlet />
    </main>
    <baton-confirm-dialog />
  `,
  host: { '[class.full-window]': 'fullWindow()' },
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      min-height: 100dvh;
    }
    /* Editors (route data fullWindow) take the window below the top bar and scroll inside. */
    :host(.full-window) {
      height: 100dvh;
    }
    main.full-window {
      display: flex;
      flex-direction: column;
      min-height: 0;
      max-width: none;
      padding: var(--space-2) var(--space-3);
      overflow: hidden;
    }
    main {
      flex: 1;
      width: 100%;
      max-width: var(--content-width);
      margin: 0 auto;
      padding: var(--space-6) var(--space-6) var(--space-8);
      outline: none;
    }
    .account-error {
      margin: 0;
      padding: var(--space-2) var(--space-6);
      background: var(--warning-soft);
      color: var(--warning-text);
      font-size: var(--text-sm);
    }
    @media (max-width: 640px) {
      main {
        padding: var(--space-4) var(--space-4) var(--space-6);
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ShellComponent {
  protected readonly account = inject(AccountStore);
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);
  protected readonly fullWindow = toSignal(
    this.router.events.pipe(
      filter((event) => event instanceof NavigationEnd),
      map(() => wantsFullWindow(this.router.routerState.snapshot.root)),
    ),
    { initialValue: false },
  );

  constructor() {
    void this.account.load();

    // However the session ends (sign-out, a 401, another tab), leave the console. After an
    // expiry, come back to the same page once signed in again.
    effect(() => {
      const reason = this.session.isSignedIn() ? null : this.session.endReason();
      if (reason === null) return;
      untracked(() => {
        const queryParams = reason === 'expired' ? { returnUrl: this.router.url } : {};
        void this.router.navigate(['/sign-in'], { queryParams });
      });
    });
  }

  protected signOut(): void {
    this.account.signOut();
  }

  protected focusMain(event: Event): void {
    // The hash link alone would change the URL fragment under the router; move focus instead.
    event.preventDefault();
    document.getElementById('main')?.focus();
  }
}

function wantsFullWindow(route: ActivatedRouteSnapshot): boolean {
  let leaf = route;
  while (leaf.firstChild) leaf = leaf.firstChild;
  return leaf.data['fullWindow'] === true;
}
