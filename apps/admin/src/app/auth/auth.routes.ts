import { Routes } from '@angular/router';
import { guestGuard } from '../core/auth.guard';
import { AuthStore } from './auth.store';
import { setupStateGuard } from './setup-state.guard';

// Top-level routes (/sign-in, /setup) listed here rather than behind loadChildren so that
// matching other URLs never downloads the auth pages; the pages themselves are lazy.
// An empty-path parent here would match "/" with no child and swallow the app's default route,
// so each page carries its own store provider.
export const authRoutes: Routes = [
  {
    path: 'sign-in',
    title: 'Sign in',
    providers: [AuthStore],
    canActivate: [guestGuard, setupStateGuard(false)],
    loadComponent: () => import('./sign-in.page').then((m) => m.SignInPage),
  },
  {
    path: 'setup',
    title: 'Set up Baton',
    providers: [AuthStore],
    canActivate: [guestGuard, setupStateGuard(true)],
    loadComponent: () => import('./owner-setup.page').then((m) => m.OwnerSetupPage),
  },
];
