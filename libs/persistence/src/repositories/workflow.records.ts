import type { FailureNotificationSettings, WorkflowFormat, WorkflowStatus } from '../entities';

/** Run settings of a workflow; null means unlimited. */
export interface WorkflowSettings {
  maxConcurrentExecutions: number | null;
  maxStartsPerMinute: number | null;
  /** Durability of the workflow's runs; null lets each start choose. */
  durability: 'express' | 'standard' | null;
  /** Days finished executions are kept; null: the installation default. */
  retentionDays: number | null;
  /** Running longer than this, an execution counts as stuck; null: no duration limit. */
  expectedDurationSeconds: number | null;
  /** Where failures are reported; null: nowhere. */
  onFailure: FailureNotificationSettings | null;
}

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
  settings: WorkflowSettings;
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
  /** Unset fields are unlimited. */
  settings?: Partial<WorkflowSettings>;
}

export interface WorkflowChanges {
  name?: string;
  description?: string;
  format?: WorkflowFormat;
  status?: WorkflowStatus;
  tags?: string[];
  definition?: unknown;
  /** Only the fields present change; null makes a limit unlimited. */
  settings?: Partial<WorkflowSettings>;
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

/** The newest execution of a workflow, as the list shows it. */
export interface LastExecutionRecord {
  id: string;
  status: string;
  createdAt: Date;
}

/** A row of the workflow list: the workflow plus when it last ran and when it runs next. */
export interface WorkflowListItemRecord extends WorkflowRecord {
  lastExecution: LastExecutionRecord | null;
  /** Earliest `next_run_at` of its enabled triggers; null unless the workflow is active. */
  nextRunAt: Date | null;
}

export interface WorkflowPage {
  items: WorkflowListItemRecord[];
  nextCursor: string | null;
}
