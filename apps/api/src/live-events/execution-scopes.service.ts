import { Injectable } from '@nestjs/common';
import { BoundedCache, ExecutionStore } from '@baton/engine';
import type { ExecutionScope } from './live-event';

// Enough for every execution active at once on a busy process; older entries are re-read.
const MAX_CACHED = 10_000;

/**
 * Which workspace and workflow an execution belongs to. These never change, so they are cached:
 * publishing an event costs one read per execution per process, not one per event.
 */
@Injectable()
export class ExecutionScopes {
  private readonly cache = new BoundedCache<string, ExecutionScope>(MAX_CACHED);

  constructor(private readonly store: ExecutionStore) {}

  async find(executionId: string): Promise<ExecutionScope | null> {
    const cached = this.cache.get(executionId);
    if (cached) return cached;
    const snapshot = await this.store.findExecution(executionId);
    if (!snapshot) return null;
    const scope: ExecutionScope = {
      executionId,
      workspaceId: snapshot.execution.workspaceId,
      workflowId: snapshot.execution.workflowId,
    };
    this.cache.set(executionId, scope);
    return scope;
  }

  /** The execution's scope if it belongs to `workspaceId`; another workspace's looks missing. */
  async findInWorkspace(workspaceId: string, executionId: string): Promise<ExecutionScope | null> {
    const scope = await this.find(executionId);
    return scope && scope.workspaceId === workspaceId ? scope : null;
  }
}
