import type { TraceCarrier } from '../ports/execution-tracer.port.js';
import type { SerializedError } from '../errors/serialize-error.js';

export type ExecutionStatus = 'pending' | 'running' | 'paused' | 'completed' | 'failed' | 'cancelled';
export type StepStatus = 'pending' | 'running' | 'completed' | 'failed' | 'skipped' | 'retrying' | 'cancelled';
export type ExecutionMode = 'immediate' | 'queued';
export type RequestedMode = ExecutionMode | 'auto';
/**
 * `standard`: every step outcome is committed before its successors run (crash-safe,
 * at-least-once steps). `express`: the run lives in the memory of the process that took it and
 * is written once, in one transaction, when it ends (at-most-once, like Step Functions Express).
 */
export type ExecutionDurability = 'express' | 'standard';

/** One run of a workflow. Keeps a frozen copy of the definition it runs. */
export interface ExecutionRecord {
  id: string;
  /** The tenant that owns the run; every read is scoped by it. */
  workspaceId: string;
  workflowId: string | null;
  workflowVersionId: string | null;
  /** Which interpreter runs the definition: `graph` today, `asl` later. */
  format: string;
  definition: unknown;
  input: unknown;
  output: unknown;
  status: ExecutionStatus;
  mode: ExecutionMode;
  durability: ExecutionDurability;
  /** Error name such as `NODE_TIMEOUT`. */
  error: string | null;
  /** Readable message for `error`. */
  cause: string | null;
  createdAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
  deadlineAt: Date | null;
  redriveCount: number;
  /** What started the run: `manual`, `api`, `cron`, `webhook`, ... */
  trigger: string;
  /** Queue priority of its step jobs: 0 is normal, 1 runs first, larger runs later. */
  priority: number;
  tags: string[];
  /** The execution whose step started this one as a child (flow.subworkflow, states:startExecution). */
  parentExecutionId?: string | null;
  /** The parent's step that started this child. */
  parentStepId?: string | null;
}

/** One node (or loop-iteration node) within an execution. */
export interface StepRecord {
  executionId: string;
  /** `nodeId` at top level, `loopStepId[index].nodeId` inside a loop body. */
  stepId: string;
  nodeId: string;
  status: StepStatus;
  /** Number of the latest attempt scheduled or run; 0 before the first. */
  attempt: number;
  /** Attempts spent before the last redrive; the retry budget counts from here. */
  attemptOffset: number;
  input: unknown;
  output: unknown;
  error: SerializedError | null;
  /** Output handles that carry `output` once the step settled; null while open. */
  handles: string[] | null;
  /** A job exists (or is due) for `attempt`. */
  queued: boolean;
  /** When a parked step (retry back-off, delay) is due. */
  wakeAt: Date | null;
  startedAt: Date | null;
  endedAt: Date | null;
  durationMs: number | null;
  /** Interpreter-private progress, e.g. a loop's items and results. JSON-safe. */
  state: unknown;
  /** What the step's attempts cost so far; absent before the first attempt ends. */
  usage?: StepUsage;
  /**
   * A container's branch or iteration inputs (an ASL Map's items), fixed when it starts: kept
   * apart from `state`, which changes on every iteration, so they are written once, not per
   * iteration. Absent on other steps. JSON-safe.
   */
  items?: unknown[] | null;
}

/** Credits a step cost, summed over its attempts (`attemptUsage`), and the node type that ran. */
export interface StepUsage {
  /** `type@version`, e.g. `ai.generate@1`. */
  nodeType: string;
  credits: number;
  /** Model tokens the attempts reported. */
  tokens: number;
}

export interface ExecutionSnapshot {
  execution: ExecutionRecord;
  steps: StepRecord[];
}

export type ExecutionEventType =
  | 'started'
  | 'step_started'
  | 'step_completed'
  | 'step_failed'
  | 'step_retrying'
  | 'paused'
  | 'resumed'
  | 'completed'
  | 'failed'
  | 'cancelled';

/** An event before the store gave it a sequence number. */
export interface NewExecutionEvent {
  type: ExecutionEventType;
  stepId?: string;
  attempt?: number;
  data?: Record<string, unknown>;
}

export interface ExecutionEvent extends NewExecutionEvent {
  executionId: string;
  /** 1, 2, 3... per execution, gap-free, in commit order. */
  sequence: number;
  timestamp: Date;
}

/** One job = one step attempt. */
export interface StepJob {
  executionId: string;
  stepId: string;
  attempt: number;
  /** The trace context of the span that planned this job (absent when tracing is off). */
  trace?: TraceCarrier;
}

export function jobIdOf(job: StepJob): string {
  return `${job.executionId}:${job.stepId}:${job.attempt}`;
}

export function newStepRecord(executionId: string, stepId: string, nodeId: string): StepRecord {
  return {
    executionId,
    stepId,
    nodeId,
    status: 'pending',
    attempt: 0,
    attemptOffset: 0,
    input: null,
    output: null,
    error: null,
    handles: null,
    queued: false,
    wakeAt: null,
    startedAt: null,
    endedAt: null,
    durationMs: null,
    state: null,
  };
}
