import { InvariantViolationError } from '../errors/engine.error.js';
import type { ExecutionSnapshot } from '../execution/execution-record.js';
import type { NodeContext } from '../nodes/node-type.js';
import type { TaskTokenStore } from '../ports/task-token-store.port.js';
import { hashTaskToken, newTaskToken } from '../asl/runtime/task-token.js';
import { type ExternalOutcome, type ExternalStepRef, ExternalWaitRequest, HandledAnswer } from './external-wait.js';

/** The key under which nodes find this service in `ctx.services`. */
export const APPROVALS_SERVICE = 'approvals';
/**
 * The `activity` an approval's task token is registered under: `$` cannot start an activity
 * name, so no activity worker can poll it, and callback answers can tell it apart.
 */
export const APPROVAL_ACTIVITY = '$approval';

export type ApprovalDecision = 'approved' | 'rejected';

/** Where an approval token was handed out (what the token store answers for its hash). */
export interface ApprovalTokenRef {
  executionId: string;
  stepId: string;
  attempt: number;
  activity: string | null;
  input: unknown;
}

export interface OpenedApproval {
  /** Return as the step's output: the step parks until someone decides (or it times out). */
  wait: ExternalWaitRequest;
  approveUrl: string;
  rejectUrl: string;
  expiresAt: string;
}

/** What the service needs of the engine; `WorkflowEngine` has all of it. */
export interface ApprovalEngine {
  findExecution(executionId: string): Promise<ExecutionSnapshot | null>;
  completeExternalStep(ref: ExternalStepRef, outcome: ExternalOutcome): Promise<'completed' | 'heartbeat' | 'stale'>;
}

/**
 * Approvals by people (flow.approval): an attempt gets one unguessable token, kept hashed in the
 * task token store like a callback's, and two URLs carrying it. The first decision answers the
 * parked step down its `approved` or `rejected` handle; the step no longer waits after that, so
 * the token cannot be used again (a second answer is `stale`), nor after a timeout or cancel.
 */
export class ApprovalRequests {
  private engine: ApprovalEngine | null = null;

  constructor(
    private readonly tokens: TaskTokenStore,
    private readonly options: {
      /** Origin the URLs start with (`BATON_PUBLIC_URL`). */
      baseUrl: string;
      findToken(tokenHash: string): Promise<ApprovalTokenRef | null>;
    },
  ) {}

  attach(engine: ApprovalEngine): void {
    this.engine = engine;
  }

  async open(ctx: NodeContext, request: { message: string; timeoutMs: number }): Promise<OpenedApproval> {
    const execution = (await this.attached().findExecution(ctx.executionId))?.execution;
    if (!execution) throw new InvariantViolationError(`Execution ${ctx.executionId} not found`);
    const token = newTaskToken();
    const tokenHash = hashTaskToken(token);
    const now = new Date();
    // Recorded before the URLs go out, so a decision can never arrive for an unknown token.
    await this.tokens.register({
      tokenHash,
      token: null,
      workspaceId: execution.workspaceId,
      executionId: execution.id,
      stepId: ctx.stepId,
      attempt: ctx.attempt,
      activity: APPROVAL_ACTIVITY,
      input: { message: request.message },
      createdAt: now,
    });
    const base = `${this.options.baseUrl.replace(/\/+$/, '')}/api/approvals/${token}`;
    return {
      wait: new ExternalWaitRequest(tokenHash, null, undefined, request.timeoutMs),
      approveUrl: `${base}/approve`,
      rejectUrl: `${base}/reject`,
      expiresAt: new Date(now.getTime() + request.timeoutMs).toISOString(),
    };
  }

  /** The approval a token opened, for a page that shows it; null for any other token. */
  async find(token: string): Promise<{ ref: ApprovalTokenRef; waiting: boolean } | null> {
    const ref = await this.options.findToken(hashTaskToken(token));
    if (!ref || ref.activity !== APPROVAL_ACTIVITY) return null;
    const snapshot = await this.attached().findExecution(ref.executionId);
    const step = snapshot?.steps.find((s) => s.stepId === ref.stepId);
    const waiting =
      snapshot?.execution.status === 'running' && step?.status === 'running' && step.attempt === ref.attempt;
    return { ref, waiting };
  }

  /** Decides: `unknown` for a token that opened no approval, `stale` once it was used (or expired). */
  async decide(
    token: string,
    decision: ApprovalDecision,
    comment: string | null,
  ): Promise<'completed' | 'stale' | 'unknown'> {
    const tokenHash = hashTaskToken(token);
    const ref = await this.options.findToken(tokenHash);
    if (!ref || ref.activity !== APPROVAL_ACTIVITY) return 'unknown';
    const output = { decision, approved: decision === 'approved', comment, decidedAt: new Date().toISOString() };
    const answered = await this.attached().completeExternalStep(
      { executionId: ref.executionId, stepId: ref.stepId, attempt: ref.attempt, tokenHash },
      { kind: 'success', output: new HandledAnswer(output, decision) },
    );
    return answered === 'completed' ? 'completed' : 'stale';
  }

  private attached(): ApprovalEngine {
    if (!this.engine) throw new InvariantViolationError('ApprovalRequests is not attached to an engine');
    return this.engine;
  }
}
