import { Injectable, signal } from '@angular/core';

export interface ConfirmRequest {
  readonly title: string;
  readonly message: string;
  readonly confirmLabel: string;
  readonly cancelLabel?: string;
  /** `danger` for actions that destroy or abort something. */
  readonly tone?: 'danger' | 'primary';
}

interface PendingConfirm extends ConfirmRequest {
  readonly resolve: (confirmed: boolean) => void;
}

/**
 * Asks the person to confirm an action in the console's own modal dialog (the shell renders
 * it), instead of the browser's `confirm()`, which blocks the page and cannot be styled or labelled.
 */
@Injectable({ providedIn: 'root' })
export class ConfirmDialogService {
  private readonly _pending = signal<PendingConfirm | null>(null);
  readonly pending = this._pending.asReadonly();

  /** Resolves true when confirmed; false when cancelled, dismissed with Escape, or replaced. */
  ask(request: ConfirmRequest): Promise<boolean> {
    this._pending()?.resolve(false);
    return new Promise((resolve) => this._pending.set({ ...request, resolve }));
  }

  answer(confirmed: boolean): void {
    const pending = this._pending();
    if (!pending) return;
    this._pending.set(null);
    pending.resolve(confirmed);
  }
}
