import type { StepRecord } from '../execution/execution-record.js';
import type { PlannedJob } from './workflow-interpreter.js';

/** Job step ids of a parked step's timeout/heartbeat timer: `$external:<stepId>`; `$` cannot start a node id. */
export const EXTERNAL_TIMER_PREFIX = '$external:';

/**
 * What an attempt returns (as its output) to park its step until an outside party completes it
 * by task token: the interpreter's `completeStep` turns it into an `ExternalWait` on the row.
 */
export class ExternalWaitRequest {
  constructor(
    /** sha256 of the task token; the token itself is never stored on the step. */
    readonly tokenHash: string,
    /** Longest silence between heartbeats, or null for none. */
    readonly heartbeatMs: number | null,
    /** Set when the answer is the end of a child execution this attempt started. */
    readonly child?: ChildWait,
    /** The wait's own timeout (an approval's), counted from the attempt's start; else the step's. */
    readonly timeoutMs?: number | null,
  ) {}
}

/**
 * An external answer that also names the output handle to follow (an approval's `approved` or
 * `rejected`); a plain answer follows the step's default handles.
 */
export class HandledAnswer {
  constructor(
    readonly output: unknown,
    readonly handle: string,
  ) {}
}

/** A wait for a child execution: its id and how its end becomes the step's result. */
export interface ChildWait {
  executionId: string;
  /** `output`: the child's output (flow.subworkflow); `aws.sync` / `aws.sync:2`: DescribeExecution shapes. */
  shape: 'output' | 'aws.sync' | 'aws.sync:2';
}

/**
 * A step parked for an external completion (callback, activity). It stays `running` with this in
 * its `state`, holds no worker, and has one delayed timer job (`timer` numbers it, so a stale
 * timer is a no-op) for the earlier of its timeout and heartbeat deadlines.
 */
export interface ExternalWait {
  tokenHash: string;
  timeoutAt: string | null;
  heartbeatMs: number | null;
  heartbeatAt: string | null;
  timer: number;
  /** The child execution whose end answers this wait (absent for task tokens). */
  child?: ChildWait;
}

export type ExternalOutcome =
  { kind: 'success'; output: unknown } | { kind: 'failure'; error: string; cause: string } | { kind: 'heartbeat' };

/** Which step attempt a task token was handed out for (resolved by the caller from its token store). */
export interface ExternalStepRef {
  executionId: string;
  stepId: string;
  attempt: number;
  tokenHash: string;
}

export function externalWaitOf(step: StepRecord | undefined): ExternalWait | null {
  const state = step?.state as { external?: ExternalWait } | null | undefined;
  return state?.external ?? null;
}

/** The step row parked on `request`; the task timeout counts from the attempt's start. */
export function parkStep(
  step: StepRecord,
  request: ExternalWaitRequest,
  timeoutMs: number | null,
  now: Date,
): StepRecord {
  const started = step.startedAt ? new Date(step.startedAt).getTime() : now.getTime();
  if (request.timeoutMs) timeoutMs = request.timeoutMs;
  const external: ExternalWait = {
    tokenHash: request.tokenHash,
    timeoutAt: timeoutMs ? new Date(started + timeoutMs).toISOString() : null,
    heartbeatMs: request.heartbeatMs,
    heartbeatAt: request.heartbeatMs ? new Date(now.getTime() + request.heartbeatMs).toISOString() : null,
    timer: 1,
    ...(request.child ? { child: request.child } : {}),
  };
  return { ...step, output: null, state: { external } };
}

/** The timer job a parked step needs now, or null when it has no deadline. */
export function externalTimerJob(step: StepRecord, now: Date): PlannedJob | null {
  const wait = externalWaitOf(step);
  const due = wait ? nextDeadline(wait) : null;
  if (!wait || due === null) return null;
  return {
    stepId: `${EXTERNAL_TIMER_PREFIX}${step.stepId}`,
    attempt: wait.timer,
    delayMs: Math.max(0, due - now.getTime()),
  };
}

export function nextDeadline(wait: ExternalWait): number | null {
  const times = [wait.timeoutAt, wait.heartbeatAt]
    .filter((t): t is string => t !== null)
    .map((t) => new Date(t).getTime());
  return times.length ? Math.min(...times) : null;
}
