import { Routes } from '@angular/router';

export const monitoringRoutes: Routes = [
  { path: '', title: 'Monitoring', loadComponent: () => import('./monitoring.page').then((m) => m.MonitoringPage) },
];

export const executionRoutes: Routes = [
  {
    path: ':id',
    title: 'Execution',
    loadComponent: () => import('./execution-detail.page').then((m) => m.ExecutionDetailPage),
  },
];
