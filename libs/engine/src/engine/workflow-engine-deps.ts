import type { ExecutionRecord, ExecutionStatus } from '../execution/execution-record.js';
import type { NodeLogger, NodeServices } from '../nodes/node-type.js';
import type { Clock } from '../ports/clock.port.js';
import type { EventSink } from '../ports/event-sink.port.js';
import type { ExecutionStore } from '../ports/execution-store.port.js';
import type { IdGenerator } from '../ports/id-generator.port.js';
import type { StepScheduler } from '../ports/step-scheduler.port.js';
import type { ExecutionTracer } from '../ports/execution-tracer.port.js';
import type { WorkflowInterpreter } from './workflow-interpreter.js';

/** What a `WorkflowEngine` is built from: the ports the app binds and its tuning. */
export interface WorkflowEngineDeps {
  store: ExecutionStore;
  /** The durable queue (`queued` mode, retries, recovery). */
  scheduler: StepScheduler;
  /** In-process scheduler for `immediate` mode; falls back to `scheduler`. */
  immediateScheduler?: StepScheduler;
  events: EventSink;
  clock: Clock;
  ids: IdGenerator;
  interpreters: WorkflowInterpreter[];
  services?: NodeServices;
  /**
   * Called after this process commits an execution's end (completed, failed or cancelled), to
   * release what its steps held in this process (browser contexts). Not awaited by the run; a
   * failure is logged. It may be called more than once for one execution; an execution that
   * ends in another process calls it there, not here.
   */
  onExecutionEnd?: (executionId: string, status: ExecutionStatus, execution: ExecutionRecord) => Promise<void> | void;
  logger?: NodeLogger;
  /** Spans of start requests and step attempts (default: none, at no cost). */
  tracer?: ExecutionTracer;
  /** Source of retry jitter; injectable for exact tests. */
  random?: () => number;
  /** The workspace's node limit, checked on start. */
  maxNodes?: number;
  /** How long `immediate` mode waits for the result before answering with the status. */
  immediateWaitMs?: number;
  /** Longest wait (retry back-off, delay) an in-process immediate run keeps; longer parks it on `scheduler` (default 1000). */
  immediateMaxDelayMs?: number;
  /** How long a running step's lease lasts without renewal: after that another worker may run it again (default 5000). */
  stepLeaseMs?: number;
  /** How often a running step renews its lease and checks for a cancel from any process (default 1000). */
  stepWatchMs?: number;
  /** Recovery starts `pending` executions older than this whose start job was lost (default 10000). */
  pendingGraceMs?: number;
  /** Recovery re-enqueues queued work due longer ago than this (default 0: whatever is due). */
  stalledGraceMs?: number;
  /** Credits per 1,000 model tokens a step's result reports, added to its node's credit cost (default 0). */
  creditsPer1kTokens?: number;
}
