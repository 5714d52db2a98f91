import { childExecutionsOf, type NodeType, PermanentError } from '@baton/engine';

interface SubworkflowSettings {
  workflowId: string;
  version: number | string;
  input?: unknown;
}

/**
 * Runs another workflow of the workspace as a child execution and outputs its result. In queued
 * (standard) runs the step parks while the child runs, holding no worker, and the child's end
 * resumes it; an express run waits for its child inline. A failed child fails this step with the
 * child's own error code and cause; cancelling the parent cancels the child.
 */
export const subworkflowNode: NodeType<SubworkflowSettings> = {
  type: 'flow.subworkflow',
  version: 1,
  title: 'Sub-workflow',
  group: 'flow',
  description:
    'Runs another workflow of this workspace (a pinned version or the latest) as a child execution and outputs its result.',
  inputs: [{ name: 'in', dataType: 'any' }],
  outputs: [{ name: 'out', dataType: 'any', description: "The child execution's output." }],
  settingsSchema: {
    type: 'object',
    properties: {
      workflowId: { type: 'string', description: 'The workflow to run (its id).' },
      version: { default: 'latest', description: 'A pinned version number, or "latest" (the current version).' },
      input: {
        type: 'object',
        description: "The child's input, its fields mapped with {{ }} expressions; the node's input when unset.",
      },
    },
    required: ['workflowId'],
  },
  outputSchema: { description: "The child execution's output." },
  canStart: false,
  // The child's id derives from the attempt's idempotency key: a re-run attempt finds its child.
  replaySafe: true,
  traits: { callsExternal: false },
  async run({ data, settings }, ctx) {
    const version = versionOf(settings.version);
    const started = await childExecutionsOf(ctx).start(ctx, {
      workflow: settings.workflowId,
      version,
      input: settings.input === undefined ? data : settings.input,
      wait: true,
      shape: 'output',
    });
    if (started.kind === 'parked') return { output: started.wait };
    if (started.kind === 'ended' && started.result.ok) return { output: started.result.output };
    if (started.kind === 'ended' && !started.result.ok)
      throw new PermanentError(started.result.cause, started.result.error);
    return { output: null };
  },
};

function versionOf(value: unknown): number | 'latest' {
  if (value === undefined || value === null || value === 'latest') return 'latest';
  const version = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof version === 'number' && Number.isInteger(version) && version >= 1) return version;
  throw new PermanentError(
    `version: must be a version number (1, 2, ...) or "latest", got ${JSON.stringify(value)}`,
    'INVALID_SETTINGS',
  );
}
