import { Routes } from '@angular/router';
import { CredentialsStore } from './credentials.store';

/** Mounted under /credentials. */
export const credentialsRoutes: Routes = [
  {
    path: '',
    title: 'Credentials',
    providers: [CredentialsStore],
    loadComponent: () => import('./credentials.page').then((m) => m.CredentialsPage),
  },
];
