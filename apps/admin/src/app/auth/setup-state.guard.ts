import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { AuthStore } from './auth.store';

/**
 * Routes between sign-in and first-run set-up by asking the API whether an owner exists.
 * `required` is the set-up state the guarded page is for. When the API cannot be reached the
 * page is shown anyway and reports the failure itself on submit.
 */
export function setupStateGuard(required: boolean): CanActivateFn {
  return async () => {
    const store = inject(AuthStore);
    const router = inject(Router);
    const setupRequired = await store.isSetupRequired();
    if (setupRequired === null || setupRequired === required) return true;
    return router.createUrlTree([setupRequired ? '/setup' : '/sign-in']);
  };
}
