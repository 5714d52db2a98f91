import type { WorkflowFormat, WorkflowStatus } from '../entities';

/** A workflow as the rest of Baton sees it (entities never leave libs/persistence). */
export interface WorkflowRecord {
  id: string;
  workspaceId: string;
  name: string;
  description: string;
  format: WorkflowFormat;
  status: WorkflowStatus;
  tags: string[];
  currentVersion: number;
  definition: unknown;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface WorkflowVersionRecord {
  id: string;
  workflowId: string;
  version: number;
  name: string;
  format: WorkflowFormat;
  definition: unknown;
  createdBy: string | null;
  createdAt: Date;
}

export interface NewWorkflow {
  workspaceId: string;
  name: string;
  description: string;
  format: WorkflowFormat;
  status: WorkflowStatus;
  tags: string[];
  definition: unknown;
  createdBy: string | null;
}

export interface WorkflowChanges {
  name?: string;
  description?: string;
  format?: WorkflowFormat;
  status?: WorkflowStatus;
  tags?: string[];
  definition?: unknown;
}

export interface WorkflowListFilter {
  workspaceId: string;
  status?: WorkflowStatus;
  tag?: string;
  search?: string;
  limit: number;
  /** Opaque cursor returned by the previous page. */
  cursor?: string;
}

export interface WorkflowPage {
  items: WorkflowRecord[];
  nextCursor: string | null;
}
