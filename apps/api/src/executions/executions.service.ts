import { Injectable } from '@nestjs/common';
import {
  type ExecutionEvent,
  type ExecutionSnapshot,
  type ExecutionStatus,
  ExecutionStore,
  InvalidInputError,
  type StartExecutionRequest,
  type StartExecutionResult,
  WorkflowEngine,
} from '@baton/engine';
import {
  ExecutionListRepository,
  type ExecutionSummaryPage,
  InvalidCursorError,
  StepLogRepository,
  WorkflowRepository,
} from '@baton/persistence';
import type { Principal } from '../auth/principal';
import { DomainError, notFound, validationFailed } from '../common/domain.error';
import { CreditGate } from '../usage/credit-gate.service';
import { DefinitionValidator } from '../workflows/definition-validator.service';
import { asInvalidDefinition } from '../workflows/invalid-definition.error';
import type { ExecuteWorkflowDto } from './dto/execute-workflow.dto';
import type { ChildExecutionLinkDto } from './dto/execution.response.dto';
import { EXECUTION_PAGE_SIZE, type ListExecutionsQueryDto } from './dto/list-executions.query.dto';
import type { RunDefinitionDto } from './dto/run-definition.dto';
import { durabilityFor } from './durability-for';
import { attachStepLogs, attemptsEndedBy, type ExecutionLogItem } from './step-logs/attach-step-logs';

/** A control that is not allowed in the current status: 409 naming that status. */
const notAllowed = (action: string, executionId: string, status: ExecutionStatus, allowed: string) =>
  new DomainError(
    'CONFLICT',
    `Execution ${executionId} cannot be ${action}: it is ${status} (only ${allowed} executions can)`,
    { status },
  );

/** Starts, steers and reads executions on behalf of a workspace member. */
@Injectable()
export class ExecutionsService {
  constructor(
    private readonly engine: WorkflowEngine,
    private readonly store: ExecutionStore,
    private readonly workflows: WorkflowRepository,
    private readonly definitions: DefinitionValidator,
    private readonly executionList: ExecutionListRepository,
    private readonly stepLogs: StepLogRepository,
    private readonly credits: CreditGate,
  ) {}

  async execute(principal: Principal, workflowId: string, dto: ExecuteWorkflowDto): Promise<StartExecutionResult> {
    const workflow = await this.workflows.findInWorkspace(principal.workspaceId, workflowId);
    if (!workflow) throw notFound('Workflow', workflowId);
    const version = await this.workflows.findVersion(principal.workspaceId, workflowId, workflow.currentVersion);
    return this.start({
      workspaceId: principal.workspaceId,
      format: workflow.format,
      definition: workflow.definition,
      input: dto.input ?? null,
      mode: dto.mode ?? 'auto',
      durability: durabilityFor(workflow.settings, dto.options?.durability),
      workflowId: workflow.id,
      workflowVersionId: version?.id ?? null,
      timeoutMs: dto.options?.timeout,
      priority: dto.options?.priority,
      tags: dto.options?.tags,
      trigger: triggerOf(principal),
    });
  }

  /** Runs a definition that need not be saved (the editor's test runs); the execution has no workflow. */
  async run(principal: Principal, dto: RunDefinitionDto): Promise<StartExecutionResult> {
    // Checked here as well as in the engine so a test run is refused exactly as a save would be.
    await this.definitions.assertValidInWorkspace(principal.workspaceId, dto.format, dto.definition);
    return this.start({
      workspaceId: principal.workspaceId,
      format: dto.format,
      definition: dto.definition,
      input: dto.input ?? null,
      mode: dto.mode ?? 'auto',
      durability: dto.options?.durability,
      workflowId: null,
      workflowVersionId: null,
      timeoutMs: dto.options?.timeout,
      priority: dto.options?.priority,
      tags: dto.options?.tags,
      trigger: triggerOf(principal),
    });
  }

  /** The workspace's executions, newest first, one page at a time. */
  async list(principal: Principal, query: ListExecutionsQueryDto): Promise<ExecutionSummaryPage> {
    if (query.workflowId && query.workflow && query.workflowId !== query.workflow) {
      throw validationFailed('workflow: is an alias of workflowId; give one, or the same id in both');
    }
    const from = query.from ? new Date(query.from) : undefined;
    const to = query.to ? new Date(query.to) : undefined;
    if (from && to && from.getTime() > to.getTime()) throw validationFailed('to: must not be before from');
    try {
      return await this.executionList.listPage({
        workspaceId: principal.workspaceId,
        workflowId: query.workflowId ?? query.workflow,
        statuses: query.status,
        tag: query.tag,
        parentExecutionId: query.parentExecutionId,
        from,
        to,
        cursor: query.cursor,
        limit: query.limit ?? EXECUTION_PAGE_SIZE.default,
      });
    } catch (error) {
      if (error instanceof InvalidCursorError) throw validationFailed(`cursor: ${error.message}`);
      throw error;
    }
  }

  async get(principal: Principal, executionId: string): Promise<ExecutionSnapshot> {
    // Through the engine: an express run still in this process's memory is visible too.
    const snapshot = await this.engine.findExecution(executionId);
    if (!snapshot || snapshot.execution.workspaceId !== principal.workspaceId) throw notFound('Execution', executionId);
    return snapshot;
  }

  /** The latest child executions an execution started (sub-workflows, states:startExecution), newest first. */
  async children(principal: Principal, executionId: string): Promise<ChildExecutionLinkDto[]> {
    const page = await this.executionList.listPage({
      workspaceId: principal.workspaceId,
      parentExecutionId: executionId,
      limit: 100,
    });
    return page.items.map((child) => ({
      id: child.id,
      workflowId: child.workflowId,
      status: child.status,
      parentStepId: child.parentStepId ?? null,
      createdAt: child.createdAt.toISOString(),
    }));
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
      if (error instanceof InvalidInputError && error.code === 'NOT_REDRIVABLE')
        await this.refuse(principal, executionId, 'redriven', 'failed');
      throw error;
    }
    return this.get(principal, executionId);
  }

  /** Starts a new execution with the same input and the same (frozen) definition. */
  async retry(principal: Principal, executionId: string): Promise<StartExecutionResult> {
    const { execution } = await this.get(principal, executionId);
    const timeoutMs =
      execution.deadlineAt && execution.startedAt
        ? execution.deadlineAt.getTime() - execution.startedAt.getTime()
        : undefined;
    return this.start({
      workspaceId: principal.workspaceId,
      format: execution.format,
      definition: execution.definition,
      input: execution.input,
      mode: execution.mode,
      durability: execution.durability,
      workflowId: execution.workflowId,
      workflowVersionId: execution.workflowVersionId,
      timeoutMs,
      priority: execution.priority || undefined,
      tags: execution.tags,
      trigger: triggerOf(principal),
    });
  }

  /** The execution's events in sequence order, optionally only those after `afterSequence`. */
  /** The execution's events in order; each attempt's end event carries the lines the attempt logged. */
  async logs(principal: Principal, executionId: string, afterSequence?: number): Promise<ExecutionLogItem[]> {
    await this.get(principal, executionId);
    const events = [...(await this.engine.findEvents(executionId, afterSequence))].sort(
      (a, b) => a.sequence - b.sequence,
    );
    const lines = await this.stepLogs.findForAttempts(executionId, attemptsEndedBy(events));
    return attachStepLogs(events, lines);
  }

  /**
   * The engine validates again on start; its refusal gets the same 400 body as a failed save.
   * A monthly credit limit is checked (and the run's estimate reserved) before anything exists.
   */
  private async start(request: StartExecutionRequest & { workspaceId: string }): Promise<StartExecutionResult> {
    return this.credits.start(
      { workspaceId: request.workspaceId, format: request.format ?? 'graph', definition: request.definition },
      async (executionId) => {
        try {
          return await this.engine.start({ ...request, ...(executionId ? { executionId } : {}) });
        } catch (error) {
          throw asInvalidDefinition(error);
        }
      },
    );
  }

  private async refuse(principal: Principal, executionId: string, action: string, allowed: string): Promise<never> {
    const { execution } = await this.get(principal, executionId);
    throw notAllowed(action, executionId, execution.status, allowed);
  }
}

const triggerOf = (principal: Principal) => (principal.via === 'apiKey' ? 'api' : 'manual');
