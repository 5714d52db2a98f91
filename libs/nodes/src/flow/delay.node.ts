import type { NodeType } from '@baton/engine';

interface DelaySettings {
  ms: number;
}

/** Waits, then passes its input on. The engine parks the step as a delayed job: no worker waits. */
export const delayNode: NodeType<DelaySettings> = {
  type: 'flow.delay',
  version: 1,
  title: 'Delay',
  group: 'flow',
  description: 'Pauses this branch for `ms` milliseconds.',
  inputs: [{ name: 'in', dataType: 'any' }],
  outputs: [{ name: 'out', dataType: 'any' }],
  settingsSchema: {
    type: 'object',
    properties: { ms: { type: 'integer', minimum: 0, description: 'Milliseconds to wait.' } },
    required: ['ms'],
  },
  canStart: false,
  replaySafe: true,
  startDelayMs: (settings) => Number(settings.ms) || 0,
  async run({ data }) {
    return { output: data };
  },
};
