import type { WorkflowStatus } from '../entities';
import type { WorkflowSettings } from './workflow.records';

/** What starts a workflow: a cron schedule, a webhook, a public form or a single instant. */
export type TriggerType = 'cron' | 'webhook' | 'form' | 'once';
export const TRIGGER_TYPES: readonly TriggerType[] = ['cron', 'webhook', 'form', 'once'];

/** A trigger as the rest of Baton sees it. `config` holds the type's settings (never the secret). */
export interface TriggerRecord {
  id: string;
  workspaceId: string;
  workflowId: string;
  type: TriggerType;
  config: Record<string, unknown>;
  /** The unguessable path segment of a webhook or form URL; null for time-based triggers. */
  token: string | null;
  /** The webhook signing secret, sealed with the secrets-at-rest key; null when unsigned. */
  secretSealed: string | null;
  enabled: boolean;
  nextRunAt: Date | null;
  lastRunAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewTrigger {
  id: string;
  workspaceId: string;
  workflowId: string;
  type: TriggerType;
  config: Record<string, unknown>;
  token: string | null;
  secretSealed: string | null;
  enabled: boolean;
  nextRunAt: Date | null;
}

export interface TriggerChanges {
  config?: Record<string, unknown>;
  enabled?: boolean;
  nextRunAt?: Date | null;
  secretSealed?: string | null;
}

/** A trigger found by its public token, with what the public endpoints must check first. */
export interface PublicTrigger {
  trigger: TriggerRecord;
  workflowStatus: WorkflowStatus;
  /** What a start needs of the workflow, read in the same query: no second lookup per call. */
  workflow: TriggeredWorkflowHead;
}

/** The workflow's current version and the settings that choose a run's durability. */
export interface TriggeredWorkflowHead {
  currentVersion: number;
  currentVersionId: string;
  settings: Pick<WorkflowSettings, 'maxConcurrentExecutions' | 'maxStartsPerMinute' | 'durability'>;
  /** Whether the workspace has a monthly credit limit (starts then reserve credits first). */
  creditLimited?: boolean;
}

/** One execution a trigger started (or, for a time-based trigger, the slot it was due). */
export interface TriggerRunRecord {
  id: string;
  triggerId: string;
  executionId: string;
  /** The due instant of a cron or one-time run; null for webhook and form runs. */
  scheduledFor: Date | null;
  started: boolean;
  error: string | null;
  createdAt: Date;
}

/** A run the scheduler claimed: committed before its execution starts, with a pre-chosen execution id. */
export interface ClaimedRun {
  runId: string;
  executionId: string;
  triggerId: string;
  workspaceId: string;
  workflowId: string;
  type: TriggerType;
  scheduledFor: Date;
}

/** The scheduler's decision for one due trigger: which slots to run now, and when it is next due. */
export interface DuePlan {
  runs: Date[];
  nextRunAt: Date | null;
}

export interface RateDecision {
  allowed: boolean;
  /** When refused: milliseconds until the current window ends. */
  retryAfterMs: number;
}
