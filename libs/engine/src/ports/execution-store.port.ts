import type {
  ExecutionEvent,
  ExecutionRecord,
  ExecutionSnapshot,
  ExecutionStatus,
  NewExecutionEvent,
  StepRecord,
} from '../execution/execution-record.js';

/** Fields written together with a status change. */
export type ExecutionPatch = Partial<
  Pick<ExecutionRecord, 'output' | 'error' | 'cause' | 'startedAt' | 'endedAt' | 'deadlineAt' | 'redriveCount'>
>;

/**
 * Reads and writes of one execution, inside the execution lock. Writes become visible together
 * when the unit of work returns and are discarded when it throws.
 */
export abstract class ExecutionTransaction {
  /** The execution and all its steps as committed before this unit of work started. */
  abstract loadExecution(): Promise<ExecutionSnapshot>;
  /** Moves the status only if it is currently one of `expected`; returns whether it moved. */
  abstract compareAndSetStatus(expected: ExecutionStatus[], next: ExecutionStatus, patch?: ExecutionPatch): Promise<boolean>;
  /** Inserts or replaces step rows by `stepId`. */
  abstract saveSteps(steps: StepRecord[]): Promise<void>;
  /** Appends events with the next per-execution sequence numbers and returns them numbered. */
  abstract appendEvents(events: NewExecutionEvent[], timestamp: Date): Promise<ExecutionEvent[]>;
}

/** Durable journal of executions, steps and events. */
export abstract class ExecutionStore {
  /** Creates the execution with its initial step rows. */
  abstract createExecution(execution: ExecutionRecord, steps: StepRecord[]): Promise<void>;
  /** The execution with all its steps, or null when unknown. */
  abstract findExecution(executionId: string): Promise<ExecutionSnapshot | null>;
  /**
   * Runs `work` while holding the execution's lock (one writer per execution across processes),
   * committing its writes atomically when it resolves.
   */
  abstract withExecutionLock<T>(executionId: string, work: (tx: ExecutionTransaction) => Promise<T>): Promise<T>;
  /** Ids of executions in `running` state: candidates whose open steps may have lost their job. */
  abstract findRunningExecutionIds(): Promise<string[]>;
  /** Events of an execution in sequence order, after `afterSequence` when given. */
  abstract findEvents(executionId: string, afterSequence?: number): Promise<ExecutionEvent[]>;
}
