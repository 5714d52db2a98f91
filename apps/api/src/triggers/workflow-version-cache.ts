import { BoundedCache } from '@baton/engine';
import type { WorkflowVersionRecord } from '@baton/persistence';

// Plenty for the versions a process's triggers start; the least recently used goes first beyond it.
const MAX_VERSIONS = 500;

/**
 * Workflow versions by workflow and number. A version row never changes once written (an edit
 * makes a new version), so an entry never goes stale: a trigger call that already knows the
 * current version number reads no version row at all. The engine copies the definition it gets.
 */
export class WorkflowVersionCache {
  private readonly versions = new BoundedCache<string, WorkflowVersionRecord>(MAX_VERSIONS);

  async get(
    workflowId: string,
    version: number,
    load: () => Promise<WorkflowVersionRecord | null>,
  ): Promise<WorkflowVersionRecord | null> {
    const key = `${workflowId}@${version}`;
    const cached = this.versions.get(key);
    if (cached) return cached;
    const loaded = await load();
    if (!loaded) return null;
    this.versions.set(key, loaded);
    return loaded;
  }
}
