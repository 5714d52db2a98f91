import { Injectable } from '@nestjs/common';
import { WorkflowEngine } from '@baton/engine';
import {
  TriggerRepository,
  WorkflowLifecycleRepository,
  WorkflowRepository,
  type WorkflowRecord,
} from '@baton/persistence';
import type { Principal } from '../auth/principal';
import { DomainError, notFound } from '../common/domain.error';
import { nextCronRun, type CronSpec } from '../triggers/cron/cron-schedule';

/**
 * Draft → active → paused → active …: only an active workflow's triggers fire, while manual and
 * API runs work in any status. Also restore of an old version and the guarded delete.
 */
@Injectable()
export class WorkflowLifecycleService {
  constructor(
    private readonly workflows: WorkflowRepository,
    private readonly lifecycle: WorkflowLifecycleRepository,
    private readonly triggers: TriggerRepository,
    private readonly engine: WorkflowEngine,
  ) {}

  async activate(principal: Principal, id: string): Promise<WorkflowRecord> {
    const workflow = await this.get(principal, id);
    if (workflow.status === 'active') return workflow;
    await this.lifecycle.setStatus(principal.workspaceId, id, 'active');
    // Slots that passed while the workflow was not active were skipped on purpose, not missed:
    // restart each schedule from now so catch-up does not replay the pause.
    const now = new Date();
    for (const trigger of await this.triggers.listForWorkflow(principal.workspaceId, id)) {
      if (trigger.type !== 'cron') continue;
      await this.triggers.update(principal.workspaceId, trigger.id, {
        nextRunAt: nextCronRun(trigger.config as unknown as CronSpec, now),
      });
    }
    return this.get(principal, id);
  }

  async pause(principal: Principal, id: string): Promise<WorkflowRecord> {
    await this.get(principal, id);
    await this.lifecycle.setStatus(principal.workspaceId, id, 'paused');
    return this.get(principal, id);
  }

  /** Makes an old version current again by saving its definition as a new version. */
  async restore(principal: Principal, id: string, version: number): Promise<WorkflowRecord> {
    const old = await this.workflows.findVersion(principal.workspaceId, id, version);
    if (!old) throw notFound('Workflow version', `${id}@${version}`);
    const restored = await this.workflows.updateWithNewVersion(
      principal.workspaceId,
      id,
      { name: old.name, format: old.format, definition: old.definition },
      principal.userId,
    );
    if (!restored) throw notFound('Workflow', id);
    return restored;
  }

  /** Refuses (409) while executions are live unless `force`, which cancels them first. */
  async remove(principal: Principal, id: string, force: boolean): Promise<void> {
    await this.get(principal, id);
    const live = await this.lifecycle.findLiveExecutionIds(principal.workspaceId, id);
    if (live.length && !force) {
      throw new DomainError(
        'CONFLICT',
        `Workflow ${id} has ${live.length} running execution(s); cancel them or delete with ?force=true`,
        { executionIds: live },
      );
    }
    for (const executionId of live) await this.engine.cancel(executionId, 'Workflow deleted');
    if (!(await this.workflows.deleteInWorkspace(principal.workspaceId, id))) throw notFound('Workflow', id);
  }

  private async get(principal: Principal, id: string): Promise<WorkflowRecord> {
    const workflow = await this.workflows.findInWorkspace(principal.workspaceId, id);
    if (!workflow) throw notFound('Workflow', id);
    return workflow;
  }
}
