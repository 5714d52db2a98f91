import { type NodeType, PermanentError } from '@baton/engine';

interface FailSettings {
  error: string;
  cause: string;
}

/** Stops the workflow as failed with a chosen error name and message (Step Functions' Fail). */
export const failNode: NodeType<FailSettings> = {
  type: 'flow.fail',
  version: 1,
  title: 'Fail',
  group: 'flow',
  description: 'Fails the execution with `error` (SCREAMING_SNAKE name) and `cause` (message).',
  inputs: [{ name: 'in', dataType: 'any' }],
  outputs: [],
  settingsSchema: {
    type: 'object',
    properties: {
      error: { type: 'string', default: 'WORKFLOW_FAILED' },
      cause: { type: 'string', default: 'Workflow stopped by a fail node' },
    },
  },
  canStart: false,
  replaySafe: true,
  async run({ settings }) {
    throw new PermanentError(settings.cause, settings.error);
  },
};
