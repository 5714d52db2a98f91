import { ChangeDetectionStrategy, Component, ElementRef, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { AlertComponent } from '../shared/ui/alert.component';
import { SpinnerComponent } from '../shared/ui/spinner.component';
import { AuthCardComponent } from './auth-card.component';
import { AuthStore } from './auth.store';
import { focusFirstInvalid } from './focus-first-invalid';

// Bounds mirror the API's set-up validation (names varchar(200), passwords 8-200 characters).
const MIN_PASSWORD_LENGTH = 8;
const MAX_PASSWORD_LENGTH = 200;
const MAX_NAME_LENGTH = 200;

/** First run: create the owner account and name the workspace. Shown while the API has no owner. */
@Component({
  selector: 'baton-owner-setup-page',
  imports: [ReactiveFormsModule, RouterLink, AuthCardComponent, AlertComponent, SpinnerComponent],
  template: `
    <baton-auth-card
      heading="Set up Baton"
      description="Create your workspace and its owner account. You can invite others later."
    >
      @if (store.error(); as error) {
        <baton-alert class="message" tone="error">
          {{ error }}
          @if (store.alreadySetUp()) {
            <a routerLink="/sign-in">Go to sign-in</a>
          }
        </baton-alert>
      }

      <form class="form" [formGroup]="form" (ngSubmit)="setUp()" novalidate>
        <div class="field">
          <label for="setup-workspace">Workspace name</label>
          <input
            id="setup-workspace"
            formControlName="workspaceName"
            autocomplete="organization"
            placeholder="Acme Operations"
            required
            [attr.aria-invalid]="showError('workspaceName')"
            [attr.aria-describedby]="showError('workspaceName') ? 'setup-workspace-error' : null"
          />
          @if (showError('workspaceName')) {
            <p id="setup-workspace-error" class="field-error">Name your workspace.</p>
          }
        </div>
        <div class="field">
          <label for="setup-name">Your name</label>
          <input
            id="setup-name"
            formControlName="name"
            autocomplete="name"
            required
            [attr.aria-invalid]="showError('name')"
            [attr.aria-describedby]="showError('name') ? 'setup-name-error' : null"
          />
          @if (showError('name')) {
            <p id="setup-name-error" class="field-error">Enter your name.</p>
          }
        </div>
        <div class="field">
          <label for="setup-email">Email</label>
          <input
            id="setup-email"
            type="email"
            formControlName="email"
            autocomplete="email"
            required
            [attr.aria-invalid]="showError('email')"
            [attr.aria-describedby]="showError('email') ? 'setup-email-error' : null"
          />
          @if (showError('email')) {
            <p id="setup-email-error" class="field-error">Enter a valid email address.</p>
          }
        </div>
        <div class="field">
          <label for="setup-password">Password</label>
          <input
            id="setup-password"
            type="password"
            formControlName="password"
            autocomplete="new-password"
            required
            [attr.aria-invalid]="showError('password')"
            aria-describedby="setup-password-hint"
          />
          <p id="setup-password-hint" [class]="showError('password') ? 'field-error' : 'field-hint'">
            At least {{ minPasswordLength }} characters (at most 200).
          </p>
        </div>
        <button type="submit" class="btn btn-primary btn-block" [disabled]="store.pending()">
          @if (store.pending()) {
            <baton-spinner /> Creating workspace…
          } @else {
            Create workspace
          }
        </button>
      </form>
    </baton-auth-card>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OwnerSetupPage {
  protected readonly store = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly submitted = signal(false);
  protected readonly minPasswordLength = MIN_PASSWORD_LENGTH;

  protected readonly form = inject(NonNullableFormBuilder).group({
    workspaceName: ['', [Validators.required, Validators.maxLength(MAX_NAME_LENGTH)]],
    name: ['', [Validators.required, Validators.maxLength(MAX_NAME_LENGTH)]],
    email: ['', [Validators.required, Validators.email]],
    password: [
      '',
      [Validators.required, Validators.minLength(MIN_PASSWORD_LENGTH), Validators.maxLength(MAX_PASSWORD_LENGTH)],
    ],
  });

  constructor() {
    this.store.clearError();
  }

  protected showError(name: 'workspaceName' | 'name' | 'email' | 'password'): boolean {
    const control = this.form.controls[name];
    return control.invalid && (control.touched || this.submitted());
  }

  protected async setUp(): Promise<void> {
    this.submitted.set(true);
    if (this.form.invalid) {
      focusFirstInvalid(this.host.nativeElement);
      return;
    }
    const { workspaceName, name, email, password } = this.form.getRawValue();
    const ok = await this.store.setUp({ workspaceName: workspaceName.trim(), name: name.trim(), email, password });
    if (ok) await this.router.navigateByUrl('/workflows');
  }
}
