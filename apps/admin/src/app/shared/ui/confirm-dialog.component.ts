import { ChangeDetectionStrategy, Component, ElementRef, effect, inject, viewChild } from '@angular/core';
import { ConfirmDialogService } from './confirm-dialog.service';

/**
 * The modal behind ConfirmDialogService, on the native <dialog>: showModal() makes the rest of
 * the page inert, keeps focus inside, closes on Escape and returns focus to where it was. Focus
 * starts on the safe choice (cancel, `autofocus`).
 */
@Component({
  selector: 'baton-confirm-dialog',
  template: `
    <dialog #dialog aria-labelledby="confirm-title" aria-describedby="confirm-message" (close)="dismissed()">
      <!-- Always rendered, so showModal() finds the autofocus button at once. -->
      <h2 id="confirm-title">{{ request()?.title }}</h2>
      <p id="confirm-message">{{ request()?.message }}</p>
      <div class="actions">
        <button type="button" class="btn btn-secondary" autofocus (click)="answer(false)">
          {{ request()?.cancelLabel ?? 'Cancel' }}
        </button>
        <button
          type="button"
          class="btn"
          [class.btn-danger]="request()?.tone !== 'primary'"
          [class.btn-primary]="request()?.tone === 'primary'"
          (click)="answer(true)"
        >
          {{ request()?.confirmLabel }}
        </button>
      </div>
    </dialog>
  `,
  styles: `
    dialog {
      width: min(28rem, calc(100vw - 2rem));
      padding: var(--space-6);
      border: 1px solid var(--border);
      border-radius: var(--radius-lg);
      background: var(--surface);
      color: var(--text);
      box-shadow: var(--shadow-lg);
    }
    dialog::backdrop {
      background: rgb(16 24 40 / 0.45);
    }
    h2 {
      margin: 0 0 var(--space-2);
      font-size: var(--text-lg);
    }
    p {
      margin: 0;
      color: var(--text-muted);
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      justify-content: flex-end;
      gap: var(--space-2);
      margin-top: var(--space-6);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConfirmDialogComponent {
  protected readonly service = inject(ConfirmDialogService);
  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');
  protected readonly request = this.service.pending;

  constructor() {
    effect(() => {
      const dialog = this.dialog().nativeElement;
      const open = this.service.pending() !== null;
      if (open && !dialog.open) {
        dialog.showModal();
      } else if (!open && dialog.open) {
        dialog.close();
      }
    });
  }

  protected answer(confirmed: boolean): void {
    this.service.answer(confirmed);
  }

  /** Escape (or any other close) counts as "no". */
  protected dismissed(): void {
    this.service.answer(false);
  }
}
