import type { NodeType } from '@baton/engine';

interface MergeSettings {
  mode: 'all' | 'first';
}

/**
 * Joins branches and stops skip propagation. `all` waits for every branch that was not skipped
 * and outputs their values in edge order; `first` goes on with the first value to arrive.
 */
export const mergeNode: NodeType<MergeSettings> = {
  type: 'flow.merge',
  version: 1,
  title: 'Merge',
  group: 'flow',
  description: 'Waits for all incoming branches (or the first) and passes their data on.',
  kind: 'merge',
  inputs: [{ name: 'in', dataType: 'any', multiple: true }],
  outputs: [{ name: 'out', dataType: 'any' }],
  settingsSchema: {
    type: 'object',
    properties: { mode: { type: 'string', enum: ['all', 'first'], default: 'all' } },
  },
  canStart: false,
  replaySafe: true,
  async run({ data }) {
    return { output: data };
  },
};
