import { Injectable } from '@nestjs/common';
import { type RequestedMode, type StartExecutionResult, WorkflowEngine } from '@baton/engine';
import { type TriggeredWorkflowHead, WorkflowRepository } from '@baton/persistence';
import { notFound } from '../common/domain.error';
import { CreditGate } from '../usage/credit-gate.service';
import { durabilityFor } from '../executions/durability-for';
import { WorkflowVersionCache } from './workflow-version-cache';

export interface TriggeredStart {
  workspaceId: string;
  workflowId: string;
  /**
   * Chosen before the start and already recorded in trigger_runs, so a repeated start is refused
   * by the database. Unset: the engine picks a new one (a webhook call without an Idempotency-Key).
   */
  executionId?: string;
  trigger: 'cron' | 'once' | 'webhook' | 'form';
  input: unknown;
  mode: RequestedMode;
}

/**
 * The single "start execution" every trigger goes through. The run is pinned to the workflow's
 * current version: the definition is read from that version row (not the mutable head), and the
 * engine keeps its own frozen copy, so later edits never change it.
 */
@Injectable()
export class TriggerStarter {
  private readonly versions = new WorkflowVersionCache();

  constructor(
    private readonly engine: WorkflowEngine,
    private readonly workflows: WorkflowRepository,
    private readonly credits: CreditGate,
  ) {}

  /**
   * `head`: the workflow's current version and settings when the caller read them already (a
   * webhook's token lookup joins them); otherwise they are read here.
   */
  async start(request: TriggeredStart, head?: TriggeredWorkflowHead): Promise<StartExecutionResult> {
    const workflow = head ?? (await this.workflows.findInWorkspace(request.workspaceId, request.workflowId));
    if (!workflow) throw notFound('Workflow', request.workflowId);
    const version = await this.versions.get(request.workflowId, workflow.currentVersion, () =>
      this.workflows.findVersion(request.workspaceId, request.workflowId, workflow.currentVersion),
    );
    if (!version) throw notFound('Workflow version', `${request.workflowId}@${workflow.currentVersion}`);
    // A monthly credit limit refuses the start (402) before the engine creates anything.
    const gated = {
      workspaceId: request.workspaceId,
      format: version.format,
      definition: version.definition,
      executionId: request.executionId,
      creditLimited: head?.creditLimited,
    };
    return this.credits.start(gated, (executionId) =>
      this.engine.start({
        executionId,
        workspaceId: request.workspaceId,
        workflowId: request.workflowId,
        workflowVersionId: version.id,
        format: version.format,
        definition: version.definition,
        input: request.input,
        mode: request.mode,
        durability: durabilityFor(workflow.settings, undefined),
        trigger: request.trigger,
      }),
    );
  }
}

/** The execution row already exists: an earlier attempt of the same run got through. */
export function isDuplicateStart(error: unknown): boolean {
  const code =
    (error as { driverError?: { code?: string }; code?: string })?.driverError?.code ??
    (error as { code?: string })?.code;
  // 23505: the journal's unique key; EXECUTION_EXISTS: the engine's own check (express runs).
  return code === '23505' || code === 'EXECUTION_EXISTS';
}
