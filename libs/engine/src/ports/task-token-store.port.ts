/** One task token handed out by a parked step (a callback or an activity task). */
export interface TaskTokenRecord {
  /** sha256 (hex) of the token: answers look the token up by it. */
  tokenHash: string;
  /** The plain token, kept only for activity tasks until a worker polls it. */
  token: string | null;
  workspaceId: string;
  executionId: string;
  stepId: string;
  attempt: number;
  /** Activity name for activity tasks, null for `.waitForTaskToken` callbacks. */
  activity: string | null;
  /** The activity task's input (what a worker receives); null for callbacks. */
  input: unknown;
  createdAt: Date;
}

/**
 * Where parked steps record the tokens they hand out, before handing them out, so an answer
 * (or an activity worker's poll) can find the step from the token alone.
 */
export abstract class TaskTokenStore {
  abstract register(record: TaskTokenRecord): Promise<void>;
}
