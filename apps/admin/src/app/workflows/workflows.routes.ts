import { Routes } from '@angular/router';
import { WorkflowsStore } from './workflows.store';

export const workflowsRoutes: Routes = [
  {
    path: '',
    providers: [WorkflowsStore],
    children: [
      {
        path: '',
        title: 'Workflows',
        loadComponent: () => import('./workflow-list.page').then((m) => m.WorkflowListPage),
      },
    ],
  },
];
