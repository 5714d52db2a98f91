import { Routes } from '@angular/router';

export const failedRunsRoutes: Routes = [
  { path: '', title: 'Failed runs', loadComponent: () => import('./failed-runs.page').then((m) => m.FailedRunsPage) },
];
