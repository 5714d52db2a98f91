import { Injectable } from '@nestjs/common';
import { WorkflowRepository } from '@baton/persistence';
import { notFound } from '../common/domain.error';
import type { ExecutionScope } from './live-event';
import type { LiveEventTopic } from './live-event-rooms';
import { ExecutionScopes } from './execution-scopes.service';

/** Checks that a topic belongs to the caller's workspace before anyone joins its room. */
@Injectable()
export class LiveEventAccess {
  constructor(
    private readonly scopes: ExecutionScopes,
    private readonly workflows: WorkflowRepository,
  ) {}

  /**
   * The execution's scope for execution topics, null for the others.
   * @throws DomainError NOT_FOUND for an unknown id or another workspace's (ids leak nothing).
   */
  async check(workspaceId: string, topic: LiveEventTopic): Promise<ExecutionScope | null> {
    if (topic.kind === 'execution') return this.execution(workspaceId, topic.executionId);
    if (topic.kind === 'workflow' && !(await this.workflows.findInWorkspace(workspaceId, topic.workflowId))) {
      throw notFound('Workflow', topic.workflowId);
    }
    return null;
  }

  async execution(workspaceId: string, executionId: string): Promise<ExecutionScope> {
    const scope = await this.scopes.findInWorkspace(workspaceId, executionId);
    if (!scope) throw notFound('Execution', executionId);
    return scope;
  }
}
