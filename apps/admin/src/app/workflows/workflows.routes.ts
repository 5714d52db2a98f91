import { Routes } from '@angular/router';
import { WorkflowEditorStore } from './editor/workflow-editor.store';
import { unsavedChangesGuard } from './unsaved-changes.guard';
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
      {
        path: ':id/triggers',
        loadChildren: () => import('../triggers/triggers.routes').then((m) => m.triggersRoutes),
      },
      {
        // Lazy and separate from the graph editor: ASL users never download @foblex/flow.
        path: ':id/asl',
        title: 'ASL editor',
        data: { fullWindow: true },
        canDeactivate: [unsavedChangesGuard],
        loadComponent: () => import('./asl/asl-editor.page').then((m) => m.AslEditorPage),
      },
      {
        path: ':id',
        title: 'Editor',
        data: { fullWindow: true },
        canDeactivate: [unsavedChangesGuard],
        providers: [WorkflowEditorStore],
        loadComponent: () => import('./editor/workflow-editor.page').then((m) => m.WorkflowEditorPage),
      },
    ],
  },
];
