import { Routes } from '@angular/router';
import { authRoutes } from './auth/auth.routes';
import { authGuard } from './core/auth.guard';
import { AccountStore } from './core/shell/account.store';

export const appRoutes: Routes = [
  // Sign-in and first-run set-up live outside the shell: no top bar, no session needed.
  ...authRoutes,
  {
    path: '',
    canActivate: [authGuard],
    providers: [AccountStore],
    loadComponent: () => import('./core/shell/shell.component').then((m) => m.ShellComponent),
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'workflows' },
      {
        path: 'workflows',
        loadChildren: () => import('./workflows/workflows.routes').then((m) => m.workflowsRoutes),
      },
      {
        path: 'monitoring',
        loadChildren: () => import('./executions/executions.routes').then((m) => m.monitoringRoutes),
      },
      {
        path: 'executions',
        loadChildren: () => import('./executions/executions.routes').then((m) => m.executionRoutes),
      },
      {
        path: 'failed',
        loadChildren: () => import('./operations/operations.routes').then((m) => m.failedRunsRoutes),
      },
      {
        path: 'credentials',
        loadChildren: () => import('./credentials/credentials.routes').then((m) => m.credentialsRoutes),
      },
      {
        path: 'usage',
        loadChildren: () => import('./usage/usage.routes').then((m) => m.usageRoutes),
      },
    ],
  },
  { path: '**', redirectTo: '' },
];
