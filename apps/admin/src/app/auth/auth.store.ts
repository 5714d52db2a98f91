import { Injectable, inject, signal } from '@angular/core';
import { BatonApi } from '../api/generated/baton-api';
import { authControllerLogin } from '../api/generated/fn/auth/auth-controller-login';
import { authControllerSetup } from '../api/generated/fn/auth/auth-controller-setup';
import { authControllerStatus } from '../api/generated/fn/auth/auth-controller-status';
import type { LoginDto } from '../api/generated/models/login-dto';
import type { SetupDto } from '../api/generated/models/setup-dto';
import { describeError, errorStatus } from '../core/describe-error';
import { SessionStore } from '../core/session.store';

/** Sign-in and first-run set-up. Provided on the auth routes. */
@Injectable()
export class AuthStore {
  private readonly api = inject(BatonApi);
  private readonly session = inject(SessionStore);

  private readonly _pending = signal(false);
  private readonly _error = signal<string | null>(null);
  private readonly _alreadySetUp = signal(false);

  readonly pending = this._pending.asReadonly();
  readonly error = this._error.asReadonly();
  /** Set-up was refused because an owner exists (409): the page offers sign-in instead. */
  readonly alreadySetUp = this._alreadySetUp.asReadonly();

  /** Whether the API still needs its first owner; null when the API could not be asked. */
  async isSetupRequired(): Promise<boolean | null> {
    try {
      const status = await this.api.invoke(authControllerStatus);
      return status.setupRequired;
    } catch {
      return null;
    }
  }

  /** Resolves true once signed in; on failure the reason is in `error`. */
  signIn(credentials: LoginDto): Promise<boolean> {
    return this.obtainToken(() => this.api.invoke(authControllerLogin, { body: credentials }), {
      401: 'That email and password do not match an account.',
    });
  }

  /** Creates the owner and the workspace, then signs the owner in. */
  setUp(request: SetupDto): Promise<boolean> {
    return this.obtainToken(() => this.api.invoke(authControllerSetup, { body: request }), {
      409: 'This Baton installation is already set up.',
    });
  }

  clearError(): void {
    this._error.set(null);
    this._alreadySetUp.set(false);
  }

  private async obtainToken(
    request: () => Promise<{ accessToken: string }>,
    messages: Readonly<Record<number, string>>,
  ): Promise<boolean> {
    if (this._pending()) return false;
    this._pending.set(true);
    this._error.set(null);
    try {
      const { accessToken } = await request();
      this.session.start(accessToken);
      return true;
    } catch (error) {
      this._error.set(describeError(error, messages));
      this._alreadySetUp.set(errorStatus(error) === 409);
      return false;
    } finally {
      this._pending.set(false);
    }
  }
}
