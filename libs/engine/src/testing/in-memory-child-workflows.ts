import { type ChildWorkflow, type ChildWorkflowRef, ChildWorkflowSource } from '../ports/child-workflow-source.port.js';

/** Saved workflows in memory, for sub-workflow and `states:startExecution` tests (one workspace). */
export class InMemoryChildWorkflows extends ChildWorkflowSource {
  private readonly versions = new Map<string, ChildWorkflow[]>();
  private sequence = 0;

  /** Saves a new workflow (or, given its id, a new version of it); answers its id and name. */
  save(format: string, definition: unknown, workflowId?: string): { id: string; name: string } {
    const id = workflowId ?? `workflow-${++this.sequence}`;
    const versions = this.versions.get(id) ?? [];
    const version = versions.length + 1;
    versions.push({
      workflowId: id,
      workflowVersionId: `${id}@${version}`,
      name: `${id}-name`,
      version,
      format,
      definition,
    });
    this.versions.set(id, versions);
    return { id, name: `${id}-name` };
  }

  async resolve(ref: ChildWorkflowRef): Promise<ChildWorkflow | null> {
    const versions =
      this.versions.get(ref.workflow) ?? [...this.versions.values()].find((v) => v[0].name === ref.workflow) ?? [];
    return (ref.version === 'latest' ? versions.at(-1) : versions.find((v) => v.version === ref.version)) ?? null;
  }
}
