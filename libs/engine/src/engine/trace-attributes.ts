import type { ExecutionRecord, StepJob, StepRecord } from '../execution/execution-record.js';
import type { SpanAttributes } from '../ports/execution-tracer.port.js';
import type { PreparedStep } from './workflow-interpreter.js';

/** Attributes of the span of an execution's start request. */
export function startSpanAttributes(execution: ExecutionRecord): SpanAttributes {
  return {
    'baton.execution.id': execution.id,
    'baton.workflow.id': execution.workflowId ?? 'none',
    'baton.execution.mode': execution.mode,
    'baton.execution.durability': execution.durability,
    'baton.execution.format': execution.format,
  };
}

/** Attributes of a step attempt's span known before it runs. */
export function attemptSpanAttributes(job: StepJob, prepared: PreparedStep): SpanAttributes {
  return {
    'baton.execution.id': job.executionId,
    'baton.step.id': job.stepId,
    'baton.step.attempt': job.attempt,
    'baton.node.type': prepared.nodeType.type,
  };
}

/**
 * How an attempt ended, as its step row says after the outcome was recorded: `completed`,
 * `retrying` (another attempt is planned), `failed`, `running` (parked for an outside answer),
 * or `stale` when a cancel or duplicate delivery got there first.
 */
export function attemptOutcomeOf(step: StepRecord | undefined, job: StepJob): string {
  if (!step || step.attempt !== job.attempt) return step?.status === 'retrying' ? 'retrying' : 'stale';
  return step.status;
}
