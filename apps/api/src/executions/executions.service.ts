import { Injectable } from '@nestjs/common';
import { ExecutionStore, WorkflowEngine, type ExecutionSnapshot, type StartExecutionResult } from '@baton/engine';
import { WorkflowRepository } from '@baton/persistence';
import type { Principal } from '../auth/principal';
import { notFound } from '../common/domain.error';
import type { ExecuteWorkflowDto } from './dto/execute-workflow.dto';

/** Starts and reads executions on behalf of a workspace member. */
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
      trigger: principal.via === 'apiKey' ? 'api' : 'manual',
    });
  }

  async get(principal: Principal, executionId: string): Promise<ExecutionSnapshot> {
    const snapshot = await this.store.findExecution(executionId);
    if (!snapshot || snapshot.execution.workspaceId !== principal.workspaceId) throw notFound('Execution', executionId);
    return snapshot;
  }
}
