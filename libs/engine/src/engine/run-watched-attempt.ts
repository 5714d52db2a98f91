import type { StepJob } from '../execution/execution-record.js';
import type { NodeLogger, NodeServices } from '../nodes/node-type.js';
import type { Clock } from '../ports/clock.port.js';
import type { ExecutionStore } from '../ports/execution-store.port.js';
import { type AttemptOutcome, runNodeAttempt } from './run-node-attempt.js';
import type { RunningStepRegistry } from './running-step-registry.js';
import { scopedLogger } from './scoped-logger.js';
import { watchStepLease } from './watch-step-lease.js';
import type { PreparedStep } from './workflow-interpreter.js';

export interface WatchedAttemptDeps {
  running: RunningStepRegistry;
  store: ExecutionStore;
  clock: Clock;
  logger: NodeLogger;
  services: NodeServices;
  leaseMs: number;
  watchMs: number;
}

/**
 * Runs one claimed attempt of a step's node in this process: registered for local aborts, its
 * lease renewed every `watchMs` (which also carries a cancel or timeout from any process to
 * the node's signal), with the attempt's idempotency key and a logger scoped to it.
 */
export async function runWatchedAttempt(
  deps: WatchedAttemptDeps,
  job: StepJob,
  prepared: PreparedStep,
): Promise<AttemptOutcome> {
  const controller = new AbortController();
  const unregister = deps.running.register(job.executionId, controller);
  const stopWatch = watchStepLease({
    job,
    controller,
    store: deps.store,
    clock: deps.clock,
    logger: deps.logger,
    leaseMs: deps.leaseMs,
    everyMs: deps.watchMs,
  });
  const nodeId = job.stepId.slice(job.stepId.lastIndexOf('.') + 1);
  const scope = { executionId: job.executionId, stepId: job.stepId, attempt: job.attempt };
  try {
    return await runNodeAttempt({
      nodeType: prepared.nodeType,
      input: prepared.input,
      controller,
      timeoutMs: prepared.timeoutMs,
      clock: deps.clock,
      ctx: {
        ...scope,
        nodeId,
        idempotencyKey: `${job.executionId}:${job.stepId}:${job.attempt}`,
        services: deps.services,
        log: scopedLogger(deps.logger, scope),
      },
    });
  } finally {
    stopWatch();
    unregister();
  }
}
