import type {
  ExecutionEvent,
  ExecutionRecord,
  ExecutionSnapshot,
  ExecutionStatus,
  NewExecutionEvent,
  StepJob,
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
  abstract compareAndSetStatus(
    expected: ExecutionStatus[],
    next: ExecutionStatus,
    patch?: ExecutionPatch,
  ): Promise<boolean>;
  /** Inserts or replaces step rows by `stepId`. */
  abstract saveSteps(steps: StepRecord[]): Promise<void>;
  /** Appends events with the next per-execution sequence numbers and returns them numbered. */
  abstract appendEvents(events: NewExecutionEvent[], timestamp: Date): Promise<ExecutionEvent[]>;
  /**
   * Takes the step's lease until `leaseUntil` for the process about to run it. With
   * `unlessLeasedAt`, refuses (returns false) while another holder's lease is still valid at
   * that time: a step left `running` is only run again once its runner stopped renewing.
   */
  abstract claimStep(stepId: string, leaseUntil: Date, unlessLeasedAt: Date | null): Promise<boolean>;
  /**
   * The workflow's start limits and its current load, for admission. When the workflow has a
   * limit, implementations serialise admissions of that workflow across processes until this
   * unit of work ends (e.g. a transaction-scoped advisory lock), so the counts stay true.
   */
  abstract loadAdmission(now: Date): Promise<AdmissionSnapshot>;
}

/** Per-workflow start limits; null means unlimited. */
export interface WorkflowLimits {
  maxConcurrentExecutions: number | null;
  maxStartsPerMinute: number | null;
}

/** What admission control decides from: the limits and the workflow's other executions. */
export interface AdmissionSnapshot extends WorkflowLimits {
  /** Executions of the workflow in `running` state. */
  running: number;
  /**
   * Start times within the minute before `now` of the workflow's executions, oldest first; the
   * newest `maxStartsPerMinute` of them are enough.
   */
  recentStarts: Date[];
}

/** What a running step's watcher learns when it renews the step's lease. */
export interface StepWatch {
  executionStatus: ExecutionStatus;
  executionError: string | null;
}

/** A running step's lease, carried over when an express run is written to the durable journal. */
export interface StepLease {
  stepId: string;
  leaseUntil: Date;
}

/** Durable journal of executions, steps and events. */
export abstract class ExecutionStore {
  /** Creates the execution with its initial step rows. */
  abstract createExecution(execution: ExecutionRecord, steps: StepRecord[]): Promise<void>;
  /**
   * Writes a whole execution that ran elsewhere (an express run, at its end or when it turns
   * standard): the execution, its step rows with their leases and its numbered events, in one
   * transaction. Its next event gets the sequence after the last one given.
   */
  abstract importExecution(snapshot: ExecutionSnapshot, events: ExecutionEvent[], leases: StepLease[]): Promise<void>;
  /** The execution with all its steps, or null when unknown. */
  abstract findExecution(executionId: string): Promise<ExecutionSnapshot | null>;
  /**
   * Runs `work` while holding the execution's lock (one writer per execution across processes),
   * committing its writes atomically when it resolves.
   */
  abstract withExecutionLock<T>(executionId: string, work: (tx: ExecutionTransaction) => Promise<T>): Promise<T>;
  /** Ids of executions in `running` state. */
  abstract findRunningExecutionIds(): Promise<string[]>;
  /**
   * Ids of running executions with work that may have lost its job: a step left `running` (no
   * interpreter state) whose lease expired before `now` (its worker died), a queued or retrying
   * step due before `overdueBefore`, a step parked for an external answer whose timeout or
   * heartbeat passed before it, or a workflow deadline that passed before it. Parked work that is
   * not due yet is not a candidate, so the sweep's cost follows what is stalled, not what waits.
   */
  abstract findExecutionsWithStalledWork(now: Date, overdueBefore: Date): Promise<string[]>;
  /** Events of an execution in sequence order, after `afterSequence` when given. */
  abstract findEvents(executionId: string, afterSequence?: number): Promise<ExecutionEvent[]>;
  /** Ids of executions still `pending` that were created before `createdBefore` (recovery). */
  abstract findPendingExecutionIds(createdBefore: Date): Promise<string[]>;
  /**
   * Renews the lease of a running step attempt (no execution lock: a cheap single write) and
   * reports the execution's status, or null when the step is no longer `running` at `job.attempt`.
   */
  abstract renewStepLease(job: StepJob, leaseUntil: Date): Promise<StepWatch | null>;
}
