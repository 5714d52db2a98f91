import type { ComplexityReport } from '../definition/analyze-complexity.js';
import type {
  ExecutionDurability,
  ExecutionMode,
  ExecutionStatus,
  RequestedMode,
} from '../execution/execution-record.js';

export interface StartExecutionRequest {
  /** The tenant that owns the run. */
  workspaceId?: string;
  /** What started the run (`manual` unless told otherwise). */
  trigger?: string;
  /** Queue priority of the run's step jobs (BullMQ: 1 first; 0 or absent: normal). */
  priority?: number;
  tags?: string[];
  /** Interpreter format; `graph` unless told otherwise. */
  format?: string;
  definition: unknown;
  input?: unknown;
  /** `auto` (default) lets the complexity analyzer choose. */
  mode?: RequestedMode;
  /**
   * Overrides the definition's `settings.durability`. Only an immediate run in a process with an
   * in-process scheduler can be `express` (the default there); every other run is `standard`.
   */
  durability?: ExecutionDurability;
  workflowId?: string | null;
  workflowVersionId?: string | null;
  /** Use a caller-chosen id (e.g. one already handed to a client). */
  executionId?: string;
  /** Overrides the definition's workflow-level timeout. */
  timeoutMs?: number;
  /** The step of another execution that starts this one as its child. */
  parent?: { executionId: string; stepId: string };
}

export interface StartExecutionResult {
  executionId: string;
  status: ExecutionStatus;
  mode: ExecutionMode;
  durability: ExecutionDurability;
  complexity: ComplexityReport;
  /** Present when the run finished before `start` returned (immediate mode). */
  output?: unknown;
  error?: string | null;
  cause?: string | null;
}
