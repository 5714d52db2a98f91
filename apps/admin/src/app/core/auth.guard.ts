import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { SessionStore } from './session.store';

/** Lets signed-in users through; everyone else goes to sign-in and comes back afterwards. */
export const authGuard: CanActivateFn = (_route, state) => {
  if (inject(SessionStore).hasLiveToken()) return true;
  return inject(Router).createUrlTree(['/sign-in'], { queryParams: { returnUrl: state.url } });
};

/** Keeps signed-in users away from sign-in and set-up. */
export const guestGuard: CanActivateFn = () => {
  if (!inject(SessionStore).hasLiveToken()) return true;
  return inject(Router).createUrlTree(['/workflows']);
};
