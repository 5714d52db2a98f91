import { createHash } from 'node:crypto';
import { InvalidInputError, InvariantViolationError, PermanentError } from '../errors/engine.error.js';
import type { ExecutionRecord, ExecutionSnapshot } from '../execution/execution-record.js';
import { isTerminalStatus } from '../execution/execution-status.js';
import type { NodeContext, NodeLogger } from '../nodes/node-type.js';
import type { ChildExecutionLedger, ChildWorkflowSource } from '../ports/child-workflow-source.port.js';
import { childResultOf, type ChildResult } from './child-result.js';
import {
  type ChildWait,
  type ExternalOutcome,
  type ExternalStepRef,
  ExternalWaitRequest,
  externalWaitOf,
} from './external-wait.js';
import { silentLogger } from './silent-logger.js';
import type { StartExecutionRequest, StartExecutionResult } from './start-execution-request.js';

/** The key under which nodes find this service in `ctx.services`. */
export const CHILD_EXECUTIONS_SERVICE = 'childExecutions';
/** A workflow that starts itself stops here rather than filling the journal. */
export const MAX_CHILD_DEPTH = 10;
/** How long a child's end waits for its parent step to finish parking (the child may end first). */
const PARKING_WAIT_MS = 10_000;

/** What the mechanism needs of the engine; `WorkflowEngine` has all of it. */
export interface ChildExecutionEngine {
  start(request: StartExecutionRequest): Promise<StartExecutionResult>;
  cancel(executionId: string, reason?: string): Promise<boolean>;
  findExecution(executionId: string): Promise<ExecutionSnapshot | null>;
  completeExternalStep(ref: ExternalStepRef, outcome: ExternalOutcome): Promise<'completed' | 'heartbeat' | 'stale'>;
}

export interface StartChildRequest {
  /** Workflow id, name, or `arn:…:workflow:<id or name>`. */
  workflow: string;
  version?: number | 'latest';
  input: unknown;
  /** Wait for the child's end (the step parks, holding no worker), or only start it. */
  wait: boolean;
  shape: ChildWait['shape'];
}

/**
 * `started`: not waited for. `parked`: return `wait` as the step's output; the child's end
 * answers it. `ended`: the child already ended (an inline express run, a re-run attempt).
 */
export type ChildStart =
  | { kind: 'started'; child: ExecutionRecord }
  | { kind: 'parked'; child: ExecutionRecord; wait: ExternalWaitRequest }
  | { kind: 'ended'; child: ExecutionRecord; result: ChildResult };

/**
 * Child executions: a parent step starts a saved workflow of its workspace as its own execution
 * (with `parentExecutionId` / `parentStepId`) and, when it waits, parks like a callback task
 * with the child as its answer. The child's end (`onExecutionEnd`, wired to the engine's end
 * hook) completes the parent step; a parent that ends cancelled or failed cancels the children
 * its parked steps wait for. An express parent runs its child inline, in this process.
 */
export class ChildExecutions {
  private engine: ChildExecutionEngine | null = null;

  constructor(
    private readonly source: ChildWorkflowSource,
    private readonly logger: NodeLogger = silentLogger,
    /** For `recoverLostEnds`; without it a lost end hook stays lost. */
    private readonly ledger: ChildExecutionLedger | null = null,
  ) {}

  attach(engine: ChildExecutionEngine): void {
    this.engine = engine;
  }

  async start(ctx: NodeContext, request: StartChildRequest): Promise<ChildStart> {
    const engine = this.attached();
    const parent = (await engine.findExecution(ctx.executionId))?.execution;
    if (!parent) throw new InvariantViolationError(`Parent execution ${ctx.executionId} not found`);
    await this.assertDepth(parent);
    const version = request.version ?? 'latest';
    const workflow = await this.source.resolve({
      workspaceId: parent.workspaceId,
      workflow: request.workflow,
      version,
    });
    if (!workflow)
      throw new PermanentError(
        `Workflow "${request.workflow}" (version ${version}) does not exist in this workspace`,
        'SUBWORKFLOW_NOT_FOUND',
      );
    // One child per attempt: a re-run of the same attempt (its worker died) finds the child it started.
    const executionId = childExecutionIdOf(ctx.idempotencyKey);
    const inline = request.wait && parent.durability === 'express';
    let child = (await engine.findExecution(executionId))?.execution ?? null;
    if (!child) {
      await engine
        .start({
          executionId,
          workspaceId: parent.workspaceId,
          workflowId: workflow.workflowId,
          workflowVersionId: workflow.workflowVersionId,
          format: workflow.format,
          definition: workflow.definition,
          input: request.input,
          // Queued children hold no worker of the parent's; an express parent waits for its child here.
          mode: inline ? 'immediate' : 'queued',
          trigger: 'parent',
          priority: parent.priority,
          tags: parent.tags,
          parent: { executionId: parent.id, stepId: ctx.stepId },
        })
        .catch((error: unknown) => {
          if (error instanceof InvalidInputError && error.code === 'EXECUTION_EXISTS') return null;
          throw error;
        });
      child = (await engine.findExecution(executionId))?.execution ?? null;
      if (!child) throw new InvariantViolationError(`Child execution ${executionId} was not created`);
    }
    if (!request.wait) return { kind: 'started', child };
    if (isTerminalStatus(child.status)) return { kind: 'ended', child, result: childResultOf(child, request.shape) };
    const wait = new ExternalWaitRequest(childTokenOf(executionId), null, { executionId, shape: request.shape });
    return { kind: 'parked', child, wait };
  }

  /** The engine's end hook: answers a waiting parent, cascades a parent's cancel to its children. */
  async onExecutionEnd(execution: ExecutionRecord): Promise<void> {
    try {
      if ((execution.status === 'cancelled' || execution.status === 'failed') && mayStartChildren(execution))
        await this.cancelChildren(execution);
      if (execution.parentExecutionId && execution.parentStepId) await this.answerParent(execution);
    } catch (error) {
      this.logger.warn('child execution end not handled', { executionId: execution.id, error: String(error) });
    }
  }

  /**
   * The recovery sweep: does what lost end hooks left undone (answers parents whose child ended,
   * cancels children whose waiting parent ended). Safe beside live hooks and other sweeps: an
   * answer to a step that no longer waits is stale, a cancel of an ended run a no-op.
   */
  async recoverLostEnds(now: Date, graceMs = 5000, limit = 100): Promise<number> {
    if (!this.ledger) return 0;
    const before = new Date(now.getTime() - graceMs);
    const unanswered = await this.ledger.findUnansweredChildren(before, limit);
    for (const child of unanswered) await this.answerParent(child);
    const orphaned = await this.ledger.findOrphanedChildren(before, limit);
    for (const { id, parentId } of orphaned)
      await this.attached().cancel(id, `Parent execution ${parentId} ended before its child`);
    return unanswered.length + orphaned.length;
  }

  private async answerParent(child: ExecutionRecord): Promise<void> {
    const engine = this.attached();
    const giveUpAt = Date.now() + PARKING_WAIT_MS;
    for (;;) {
      const snapshot = await engine.findExecution(child.parentExecutionId!);
      const step = snapshot?.steps.find((s) => s.stepId === child.parentStepId);
      if (!snapshot || !step || step.status !== 'running' || isTerminalStatus(snapshot.execution.status)) return;
      const wait = externalWaitOf(step);
      if (!wait) {
        // The parent's attempt started the child and has not parked yet.
        if (step.state !== null || Date.now() > giveUpAt) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
        continue;
      }
      if (wait.child?.executionId !== child.id) return;
      const result = childResultOf(child, wait.child.shape);
      const ref = {
        executionId: snapshot.execution.id,
        stepId: step.stepId,
        attempt: step.attempt,
        tokenHash: wait.tokenHash,
      };
      await engine.completeExternalStep(
        ref,
        result.ok ? { kind: 'success', output: result.output } : { kind: 'failure', ...result },
      );
      return;
    }
  }

  private async cancelChildren(parent: ExecutionRecord): Promise<void> {
    const engine = this.attached();
    const snapshot = await engine.findExecution(parent.id);
    const children = (snapshot?.steps ?? [])
      .map((step) => externalWaitOf(step)?.child?.executionId)
      .filter((id): id is string => Boolean(id));
    for (const childId of children) {
      const child = (await engine.findExecution(childId))?.execution;
      if (!child || isTerminalStatus(child.status)) continue;
      await engine.cancel(
        childId,
        `Parent execution ${parent.id} ${parent.status === 'failed' ? 'failed' : 'was cancelled'}`,
      );
    }
  }

  private async assertDepth(parent: ExecutionRecord): Promise<void> {
    let depth = 1;
    for (let id = parent.parentExecutionId; id; depth++) {
      if (depth >= MAX_CHILD_DEPTH)
        throw new PermanentError(
          `Sub-workflows nest at most ${MAX_CHILD_DEPTH} deep (execution ${parent.id} is ${depth} deep)`,
          'SUBWORKFLOW_TOO_DEEP',
        );
      id = (await this.attached().findExecution(id))?.execution.parentExecutionId ?? null;
    }
  }

  private attached(): ChildExecutionEngine {
    if (!this.engine) throw new InvariantViolationError('ChildExecutions is not attached to an engine');
    return this.engine;
  }
}

/** The child-execution service a node was given, or a clear failure where none is bound. */
export function childExecutionsOf(ctx: NodeContext): ChildExecutions {
  const service = ctx.services[CHILD_EXECUTIONS_SERVICE];
  if (!(service instanceof ChildExecutions))
    throw new PermanentError('Sub-workflows are not available in this engine', 'SUBWORKFLOWS_UNAVAILABLE');
  return service;
}

/** A UUID (v8 layout) derived from the attempt's idempotency key: the same attempt, the same child. */
export function childExecutionIdOf(idempotencyKey: string): string {
  const hex = createHash('sha256').update(`child:${idempotencyKey}`).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Whether the definition has a step that may start children (the failed or cancelled runs of
 * other definitions cost no read of their steps here).
 */
function mayStartChildren(execution: ExecutionRecord): boolean {
  const text = JSON.stringify(execution.definition ?? null);
  return text.includes('flow.subworkflow') || text.includes('states:startExecution');
}

/** The wait's token hash: no token is handed out, only the child's end answers it. */
const childTokenOf = (executionId: string) => `child:${executionId}`;
