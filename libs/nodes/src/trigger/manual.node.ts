import type { NodeType } from '@baton/engine';

/** Start node for runs started by hand or through the API: passes the execution input on. */
export const manualTriggerNode: NodeType = {
  type: 'trigger.manual',
  version: 1,
  title: 'Manual trigger',
  group: 'trigger',
  description: 'Starts the workflow with the execution input as its output.',
  inputs: [],
  outputs: [{ name: 'out', dataType: 'any' }],
  settingsSchema: { type: 'object', properties: {}, additionalProperties: false },
  canStart: true,
  replaySafe: true,
  async run({ data }) {
    return { output: data };
  },
};
