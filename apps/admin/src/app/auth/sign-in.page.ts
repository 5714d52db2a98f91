import { ChangeDetectionStrategy, Component, ElementRef, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router } from '@angular/router';
import { SessionStore } from '../core/session.store';
import { AlertComponent } from '../shared/ui/alert.component';
import { SpinnerComponent } from '../shared/ui/spinner.component';
import { AuthCardComponent } from './auth-card.component';
import { AuthStore } from './auth.store';
import { focusFirstInvalid } from './focus-first-invalid';

@Component({
  selector: 'baton-sign-in-page',
  imports: [ReactiveFormsModule, AuthCardComponent, AlertComponent, SpinnerComponent],
  template: `
    <baton-auth-card heading="Sign in" description="Welcome back. Sign in to manage your workflows.">
      @if (session.endReason() === 'expired') {
        <baton-alert class="message">Your session has expired. Sign in again to continue.</baton-alert>
      }
      @if (store.error(); as error) {
        <baton-alert class="message" tone="error">{{ error }}</baton-alert>
      }

      <form class="form" [formGroup]="form" (ngSubmit)="signIn()" novalidate>
        <div class="field">
          <label for="sign-in-email">Email</label>
          <input
            id="sign-in-email"
            type="email"
            formControlName="email"
            autocomplete="username"
            required
            [attr.aria-invalid]="showError('email')"
            [attr.aria-describedby]="showError('email') ? 'sign-in-email-error' : null"
          />
          @if (showError('email')) {
            <p id="sign-in-email-error" class="field-error">Enter the email address you signed up with.</p>
          }
        </div>
        <div class="field">
          <label for="sign-in-password">Password</label>
          <input
            id="sign-in-password"
            type="password"
            formControlName="password"
            autocomplete="current-password"
            required
            [attr.aria-invalid]="showError('password')"
            [attr.aria-describedby]="showError('password') ? 'sign-in-password-error' : null"
          />
          @if (showError('password')) {
            <p id="sign-in-password-error" class="field-error">Enter your password.</p>
          }
        </div>
        <button type="submit" class="btn btn-primary btn-block" [disabled]="store.pending()">
          @if (store.pending()) {
            <baton-spinner /> Signing in…
          } @else {
            Sign in
          }
        </button>
      </form>
    </baton-auth-card>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignInPage {
  /** Where to go after signing in; bound from the query string by the router. */
  readonly returnUrl = input<string>();

  protected readonly store = inject(AuthStore);
  protected readonly session = inject(SessionStore);
  private readonly router = inject(Router);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly submitted = signal(false);

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', Validators.required],
  });

  constructor() {
    this.store.clearError();
  }

  protected showError(name: 'email' | 'password'): boolean {
    const control = this.form.controls[name];
    return control.invalid && (control.touched || this.submitted());
  }

  protected async signIn(): Promise<void> {
    this.submitted.set(true);
    if (this.form.invalid) {
      focusFirstInvalid(this.host.nativeElement);
      return;
    }
    if (await this.store.signIn(this.form.getRawValue())) {
      await this.router.navigateByUrl(safeReturnUrl(this.returnUrl()));
    }
  }
}

/** Only same-app paths: an absolute or protocol-relative URL here would be an open redirect. */
function safeReturnUrl(url: string | undefined): string {
  if (!url || !url.startsWith('/') || url.startsWith('//') || url.startsWith('/sign-in')) return '/workflows';
  return url;
}
