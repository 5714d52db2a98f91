import type { ExecutionStatus, StepRecord } from './execution-record.js';

const TERMINAL: ReadonlySet<ExecutionStatus> = new Set(['completed', 'failed', 'cancelled']);

// Status only moves forward. The one way back, failed -> running, belongs to redrive and is
// checked there, as in Step Functions' RedriveExecution.
const FORWARD: Record<ExecutionStatus, ExecutionStatus[]> = {
  pending: ['running', 'cancelled', 'failed'],
  running: ['paused', 'completed', 'failed', 'cancelled'],
  paused: ['running', 'cancelled', 'failed'],
  completed: [],
  failed: [],
  cancelled: [],
};

export function isTerminalStatus(status: ExecutionStatus): boolean {
  return TERMINAL.has(status);
}

export function canMoveForward(from: ExecutionStatus, to: ExecutionStatus): boolean {
  return FORWARD[from].includes(to);
}

/** A step whose outcome is known: successors can be decided. */
export function isStepSettled(step: StepRecord): boolean {
  if (step.status === 'completed' || step.status === 'skipped') return true;
  // A failure handled by onError (continue / error handle) carries handles and lets the run go on.
  return step.status === 'failed' && step.handles !== null;
}

/** A step that still has work ahead of it. */
export function isStepOpen(step: StepRecord): boolean {
  return step.status === 'pending' || step.status === 'running' || step.status === 'retrying';
}
