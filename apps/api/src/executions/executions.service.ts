import { Injectable } from '@nestjs/common';
import {
  type ExecutionEvent,
  type ExecutionSnapshot,
  type ExecutionStatus,
  ExecutionStore,
  InvalidInputError,
  type StartExecutionResult,
  WorkflowEngine,
} from '@baton/engine';
import { WorkflowRepository } from '@baton/persistence';
import type { Principal } from '../auth/principal';
import { DomainError, notFound } from '../common/domain.error';
import type { ExecuteWorkflowDto } from './dto/execute-workflow.dto';

/** A control that is not allowed in the current status: 409 naming that status. */
const notAllowed = (action: string, executionId: string, status: ExecutionStatus, allowed: string) =>
  new DomainError('CONFLICT', `Execution ${executionId} cannot be ${action}: it is ${status} (only ${allowed} executions can)`, { status });

/** Starts, steers and reads executions on behalf of a workspace member. */
@Injectable()
export class ExecutionsService {
  constructor(
    private readonly engine: WorkflowEngine,
    private readonly store: ExecutionStore,
    private readonly workflows: WorkflowRepository,
  ) {}

  async execute(principal: Principal, workflowId: string, dto: ExecuteWorkflowDto): Promise<StartExecutionResult> {
    const workflow = await this.workflows.findInWorkspace(principal.workspaceId, workflowId);
    if (!workflow) throw notFound('Workflow', workflowId);
    const version = await this.workflows.findVersion(principal.workspaceId, workflowId, workflow.currentVersion);
    return this.engine.start({
      workspaceId: principal.workspaceId,
      format: workflow.format,
      definition: workflow.definition,
      input: dto.input ?? null,
      mode: dto.mode ?? 'auto',
      workflowId: workflow.id,
      workflowVersionId: version?.id ?? null,
      timeoutMs: dto.options?.timeout,
      priority: dto.options?.priority,
      tags: dto.options?.tags,
      trigger: triggerOf(principal),
    });
  }

  async get(principal: Principal, executionId: string): Promise<ExecutionSnapshot> {
    const snapshot = await this.store.findExecution(executionId);
    if (!snapshot || snapshot.execution.workspaceId !== principal.workspaceId) throw notFound('Execution', executionId);
    return snapshot;
  }

  /** Stops scheduling new steps of a running execution. */
  async pause(principal: Principal, executionId: string): Promise<ExecutionSnapshot> {
    await this.get(principal, executionId);
    if (!(await this.engine.pause(executionId))) await this.refuse(principal, executionId, 'paused', 'running');
    return this.get(principal, executionId);
  }

  /** Schedules a paused execution's due steps again. */
  async resume(principal: Principal, executionId: string): Promise<ExecutionSnapshot> {
    await this.get(principal, executionId);
    if (!(await this.engine.resume(executionId))) await this.refuse(principal, executionId, 'resumed', 'paused');
    return this.get(principal, executionId);
  }

  /** Cancels a pending, running or paused execution; its open steps are closed as cancelled. */
  async cancel(principal: Principal, executionId: string): Promise<ExecutionSnapshot> {
    await this.get(principal, executionId);
    if (!(await this.engine.cancel(executionId, 'Cancelled by request'))) {
      await this.refuse(principal, executionId, 'cancelled', 'pending, running or paused');
    }
    return this.get(principal, executionId);
  }

  /** Runs a failed execution again from its failed steps, keeping completed outputs. */
  async redrive(principal: Principal, executionId: string): Promise<ExecutionSnapshot> {
    const { execution } = await this.get(principal, executionId);
    if (execution.status !== 'failed') throw notAllowed('redriven', executionId, execution.status, 'failed');
    try {
      await this.engine.redrive(executionId);
    } catch (error) {
      // Lost a race with another control: the engine re-checks the status under the lock.
      if (error instanceof InvalidInputError && error.code === 'NOT_REDRIVABLE') await this.refuse(principal, executionId, 'redriven', 'failed');
      throw error;
    }
    return this.get(principal, executionId);
  }

  /** Starts a new execution with the same input and the same (frozen) definition. */
  async retry(principal: Principal, executionId: string): Promise<StartExecutionResult> {
    const { execution } = await this.get(principal, executionId);
    const timeoutMs =
      execution.deadlineAt && execution.startedAt ? execution.deadlineAt.getTime() - execution.startedAt.getTime() : undefined;
    return this.engine.start({
      workspaceId: principal.workspaceId,
      format: execution.format,
      definition: execution.definition,
      input: execution.input,
      mode: execution.mode,
      workflowId: execution.workflowId,
      workflowVersionId: execution.workflowVersionId,
      timeoutMs,
      priority: execution.priority || undefined,
      tags: execution.tags,
      trigger: triggerOf(principal),
    });
  }

  /** The execution's events in sequence order, optionally only those after `afterSequence`. */
  async logs(principal: Principal, executionId: string, afterSequence?: number): Promise<ExecutionEvent[]> {
    await this.get(principal, executionId);
    const events = await this.store.findEvents(executionId, afterSequence);
    return [...events].sort((a, b) => a.sequence - b.sequence);
  }

  private async refuse(principal: Principal, executionId: string, action: string, allowed: string): Promise<never> {
    const { execution } = await this.get(principal, executionId);
    throw notAllowed(action, executionId, execution.status, allowed);
  }
}

const triggerOf = (principal: Principal) => (principal.via === 'apiKey' ? 'api' : 'manual');
