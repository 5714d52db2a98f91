import type { EngineError } from '../errors/engine.error.js';
import type { SerializedError } from '../errors/serialize-error.js';
import type { ComplexityReport } from '../definition/analyze-complexity.js';
import type { NodeErrorMode } from '../definition/graph-definition.js';
import type { ValidationResult } from '../definition/validation-problem.js';
import type {
  ExecutionRecord,
  ExecutionSnapshot,
  NewExecutionEvent,
  StepRecord,
} from '../execution/execution-record.js';
import type { RetryPolicy } from '../execution/retry-policy.js';
import type { AnyNodeType, NodeResult, NodeRunInput } from '../nodes/node-type.js';

/** A step ready to run: what to call, with what, under which policies. */
export interface PreparedStep {
  nodeType: AnyNodeType;
  input: NodeRunInput;
  timeoutMs: number | null;
  retry: RetryPolicy;
  onError: NodeErrorMode;
  /** Handles a `continue` failure follows: the node's normal outputs. */
  defaultHandles: string[];
  /** Settings could not be evaluated; the attempt fails with this instead of running. */
  inputError: EngineError | null;
}

export interface PlannedJob {
  stepId: string;
  attempt: number;
  delayMs: number;
}

/** What the interpreter decided after a state change; the engine persists then schedules it. */
export interface AdvancePlan {
  /** Step rows created or changed (skips, loop iterations, newly queued steps). */
  changed: StepRecord[];
  /** Events for transitions the interpreter made itself (a loop finishing). */
  events: NewExecutionEvent[];
  /** Jobs to schedule after the commit. */
  jobs: PlannedJob[];
  /** Set when no open step is left: the workflow's output. */
  finished: { output: unknown } | null;
}

/** Everything an interpreter may look at to decide what a failed attempt means. */
export interface FailureContext {
  snapshot: ExecutionSnapshot;
  /** The step as it was before this failure was recorded. */
  step: StepRecord;
  error: EngineError;
  prepared: PreparedStep;
  now: Date;
  /** The engine's injectable random source, for retry jitter. */
  random: () => number;
}

/**
 * An interpreter's verdict on a failed attempt (e.g. ASL's Retry/Catch matched by error name).
 * `error` is what the step row keeps (it may carry interpreter bookkeeping such as retry counters).
 */
export type FailureDecision =
  | { kind: 'retry'; delayMs: number; error: SerializedError }
  /** Caught: the step settles as failed with this output and follows `handles` (`handledBy`: what caught it, `catch` by default). */
  | { kind: 'handled'; output: unknown; handles: string[]; error: SerializedError; handledBy?: string }
  /** The step fails; `failExecution` fails the run, null leaves it to `advance` (a failed branch). */
  | { kind: 'failed'; error: SerializedError; failExecution: EngineError | null };

/**
 * The format-specific half of the engine. The graph interpreter implements it today; an Amazon
 * States Language interpreter can implement it later and reuse the journal, retries, timers,
 * events and controls of `WorkflowEngine` unchanged.
 */
export interface WorkflowInterpreter {
  readonly format: string;
  validate(definition: unknown, options: { maxNodes?: number }): ValidationResult;
  analyze(definition: unknown): ComplexityReport;
  /** Maximum steps of one execution queued or running at once. */
  maxConcurrency(definition: unknown): number;
  /** Execution timeout declared by the definition, if any. */
  timeoutMs(definition: unknown): number | null;
  createInitialSteps(execution: ExecutionRecord): StepRecord[];
  prepareStep(snapshot: ExecutionSnapshot, step: StepRecord): Promise<PreparedStep>;
  /** The step row after a successful attempt (a loop stays `running` while it iterates). */
  completeStep(step: StepRecord, result: NodeResult, prepared: PreparedStep, now: Date): StepRecord;
  advance(snapshot: ExecutionSnapshot, now: Date, maxConcurrency: number): Promise<AdvancePlan>;
  /**
   * Optional: decides retries and error handling itself instead of `PreparedStep.retry` and
   * `onError` (cancellation still always fails the step).
   */
  decideFailure?(context: FailureContext): FailureDecision;
  /**
   * Optional: the attempt result of a step parked for an external answer, from the answer's
   * output (ASL applies ResultSelector/ResultPath/OutputPath and Assign, or JSONata Output and
   * Assign, and takes Next). May throw or reject.
   */
  externalResult?(prepared: PreparedStep, output: unknown): NodeResult | Promise<NodeResult>;
  /** Optional: the step rows a redrive resets, instead of the generic `resetStepsForRedrive` (ASL keeps successful Map iterations). */
  redriveSteps?(snapshot: ExecutionSnapshot): StepRecord[];
  /**
   * Optional: whether a pending step's attempt is pure computation, so the engine runs it inside
   * the unit of work that queued it instead of a queue job of its own (see InlineSteps). Only for
   * attempts without I/O, waits or side effects.
   */
  runsInline?(snapshot: ExecutionSnapshot, step: StepRecord): boolean;
  /** Optional: the error an execution fails with when its workflow-level timeout passes. */
  deadlineError?(definition: unknown): EngineError;
  /** Optional: the error an execution fails with when it goes past an installation limit (ASL: States.Runtime). */
  limitError?(message: string): EngineError;
}
