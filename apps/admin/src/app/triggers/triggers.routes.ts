import { Routes } from '@angular/router';
import { TriggersStore } from './triggers.store';

/** Mounted under /workflows/:id/triggers. */
export const triggersRoutes: Routes = [
  {
    path: '',
    title: 'Triggers',
    providers: [TriggersStore],
    loadComponent: () => import('./workflow-triggers.page').then((m) => m.WorkflowTriggersPage),
  },
];
