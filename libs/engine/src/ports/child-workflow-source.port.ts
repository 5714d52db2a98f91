import type { ExecutionRecord } from '../execution/execution-record.js';

/** A saved workflow version a parent step may start as a child execution. */
export interface ChildWorkflow {
  workflowId: string;
  workflowVersionId: string | null;
  /** The workflow's name (Step Functions' state machine name). */
  name: string;
  version: number;
  format: string;
  definition: unknown;
}

/** Which workflow a parent step names: an id, a name or `arn:…:workflow:<id or name>`, and a version. */
export interface ChildWorkflowRef {
  workspaceId: string;
  workflow: string;
  /** A pinned version number, or `latest` (the workflow's current version). */
  version: number | 'latest';
}

/**
 * Where the engine finds the workflows of a workspace for sub-workflows and `states:startExecution`
 * (bound to the workflow tables by the composition root). Null: no such workflow or version there.
 */
export abstract class ChildWorkflowSource {
  abstract resolve(ref: ChildWorkflowRef): Promise<ChildWorkflow | null>;
}

/**
 * The journal's view of child executions, for the recovery sweep: what a lost end hook (a crash
 * between a child's end and its parent's resume, or a parent's cancel and its cascade) left undone.
 */
export abstract class ChildExecutionLedger {
  /** Children that ended before `endedBefore` while their parent's step still waits on them. */
  abstract findUnansweredChildren(endedBefore: Date, limit: number): Promise<ExecutionRecord[]>;
  /** Open children whose waiting parent ended cancelled or failed before `endedBefore`. */
  abstract findOrphanedChildren(endedBefore: Date, limit: number): Promise<Array<{ id: string; parentId: string }>>;
}
