import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';

const TOKEN_KEY = 'baton.accessToken';

/** Why the last session ended; sign-in explains an expiry instead of silently appearing. */
export type SessionEndReason = 'signed-out' | 'expired';

/**
 * The signed-in user's access token, persisted in localStorage so a reload keeps the session.
 * Holds no profile data: that comes from /auth/me through AccountStore.
 */
@Injectable({ providedIn: 'root' })
export class SessionStore {
  private readonly _token = signal<string | null>(readStoredToken());
  private readonly _endReason = signal<SessionEndReason | null>(null);

  readonly token = this._token.asReadonly();
  readonly endReason = this._endReason.asReadonly();
  readonly isSignedIn = computed(() => this._token() !== null);

  constructor() {
    // Another tab signing in or out changes the stored token; follow it so tabs agree.
    const followOtherTabs = (event: StorageEvent): void => {
      if (event.key !== TOKEN_KEY && event.key !== null) return;
      const token = readStoredToken();
      if (token === this._token()) return;
      this._token.set(token);
      if (token === null) this._endReason.set('signed-out');
    };
    window.addEventListener('storage', followOtherTabs);
    inject(DestroyRef).onDestroy(() => window.removeEventListener('storage', followOtherTabs));
  }

  start(accessToken: string): void {
    writeStoredToken(accessToken);
    this._token.set(accessToken);
    this._endReason.set(null);
  }

  end(reason: SessionEndReason): void {
    writeStoredToken(null);
    this._token.set(null);
    this._endReason.set(reason);
  }

  /**
   * True when a token is present and not past its `exp`. An expired token is dropped here so the
   * guard sends the user to sign-in instead of letting the first API call fail.
   */
  hasLiveToken(now = Date.now()): boolean {
    const token = this._token();
    if (token === null) return false;
    const expiresAt = readExpiry(token);
    if (expiresAt !== null && expiresAt <= now) {
      this.end('expired');
      return false;
    }
    return true;
  }
}

function readStoredToken(): string | null {
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    // Storage can be disabled (privacy settings); the session then lasts until reload.
    return null;
  }
}

function writeStoredToken(token: string | null): void {
  try {
    if (token === null) localStorage.removeItem(TOKEN_KEY);
    else localStorage.setItem(TOKEN_KEY, token);
  } catch {
    // See readStoredToken.
  }
}

/** Expiry of a JWT in epoch milliseconds, or null when the token is opaque or has no `exp`. */
function readExpiry(token: string): number | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp * 1000 : null;
  } catch {
    return null;
  }
}
