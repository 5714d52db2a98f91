import { evaluateExpression, type NodeType } from '@baton/engine';
import { isTruthy } from './is-truthy.js';

interface ConditionSettings {
  expression: string;
}

/** Routes its input to `true` or `false`; the other branch is skipped. */
export const conditionNode: NodeType<ConditionSettings> = {
  type: 'flow.condition',
  version: 1,
  title: 'Condition',
  group: 'flow',
  description: 'Evaluates a JSONata expression against the input; truthy follows "true", else "false".',
  inputs: [{ name: 'in', dataType: 'any' }],
  outputs: [
    { name: 'true', dataType: 'any' },
    { name: 'false', dataType: 'any' },
  ],
  settingsSchema: {
    type: 'object',
    properties: { expression: { type: 'string', format: 'jsonata', description: 'e.g. `amount > 100`' } },
    required: ['expression'],
  },
  canStart: false,
  replaySafe: true,
  async run({ data, settings, bindings }) {
    const result = await evaluateExpression(settings.expression, data, bindings);
    return { output: data, handle: isTruthy(result) ? 'true' : 'false' };
  },
};
