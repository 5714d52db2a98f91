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
