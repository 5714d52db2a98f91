import { Routes } from '@angular/router';
import { UsageStore } from './usage.store';

/** Mounted under /usage. */
export const usageRoutes: Routes = [
  {
    path: '',
    title: 'Usage',
    providers: [UsageStore],
    loadComponent: () => import('./usage.page').then((m) => m.UsagePage),
  },
];
