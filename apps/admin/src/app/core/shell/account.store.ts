import { Injectable, computed, inject, signal } from '@angular/core';
import { BatonApi } from '../../api/generated/baton-api';
import { authControllerMe } from '../../api/generated/fn/auth/auth-controller-me';
import type { MeDto } from '../../api/generated/models/me-dto';
import { describeError, errorStatus } from '../describe-error';
import { SessionStore } from '../session.store';

/**
 * Who is signed in and to which workspace (GET /auth/me). Provided on the shell route, so every
 * feature inside the console can read the user's role from it.
 */
@Injectable()
export class AccountStore {
  private readonly api = inject(BatonApi);
  private readonly session = inject(SessionStore);

  private readonly _account = signal<MeDto | null>(null);
  private readonly _error = signal<string | null>(null);

  readonly account = this._account.asReadonly();
  readonly error = this._error.asReadonly();
  readonly workspaceName = computed(() => this._account()?.workspace.name ?? null);
  readonly userName = computed(() => {
    const user = this._account()?.user;
    return user ? user.name || user.email : null;
  });
  readonly role = computed(() => this._account()?.role ?? null);

  async load(): Promise<void> {
    this._error.set(null);
    try {
      this._account.set(await this.api.invoke(authControllerMe));
    } catch (error) {
      // A 401 has already ended the session and the shell is navigating away.
      if (errorStatus(error) === 401) return;
      this._error.set(describeError(error));
    }
  }

  signOut(): void {
    this._account.set(null);
    this.session.end('signed-out');
  }
}
