import { inject } from '@angular/core';
import type { CanDeactivateFn } from '@angular/router';
import { ConfirmDialogService } from '../shared/ui/confirm-dialog.service';

/** A page that can hold edits not saved yet (the graph and ASL editors). */
export interface HoldsUnsavedChanges {
  hasUnsavedChanges(): boolean;
}

/** Asks before a navigation inside the console drops unsaved edits (beforeunload covers reloads and tabs). */
export const unsavedChangesGuard: CanDeactivateFn<HoldsUnsavedChanges> = (page) => {
  if (!page.hasUnsavedChanges()) return true;
  return inject(ConfirmDialogService).ask({
    title: 'Leave without saving?',
    message: 'This workflow has changes that are not saved. Leaving the editor discards them.',
    confirmLabel: 'Discard changes',
    cancelLabel: 'Keep editing',
    tone: 'danger',
  });
};
