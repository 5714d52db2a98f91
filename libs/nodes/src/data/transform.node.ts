import { evaluateExpression, type NodeType } from '@baton/engine';

interface TransformSettings {
  expression: string;
}

/** Reshapes data with one JSONata expression whose input document is the node's input. */
export const transformNode: NodeType<TransformSettings> = {
  type: 'data.transform',
  version: 1,
  title: 'Transform',
  group: 'data',
  description: 'Outputs the result of a JSONata expression over the input ($execution and $nodes are bound).',
  inputs: [{ name: 'in', dataType: 'any' }],
  outputs: [{ name: 'out', dataType: 'any' }],
  settingsSchema: {
    type: 'object',
    properties: {
      expression: { type: 'string', format: 'jsonata', description: 'e.g. `items.{ "id": id, "total": price * qty }`' },
    },
    required: ['expression'],
  },
  canStart: false,
  replaySafe: true,
  async run({ data, settings, bindings }) {
    return { output: await evaluateExpression(settings.expression, data, bindings) };
  },
};
