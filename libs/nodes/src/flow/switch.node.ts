import { evaluateExpression, type HandleSpec, type NodeType } from '@baton/engine';
import { isTruthy } from './is-truthy.js';

interface SwitchCase {
  handle: string;
  expression: string;
}

interface SwitchSettings {
  cases: SwitchCase[];
}

const DEFAULT_HANDLE = 'default';

/** Routes its input to the first case whose expression is truthy, else to `default`. */
export const switchNode: NodeType<SwitchSettings> = {
  type: 'flow.switch',
  version: 1,
  title: 'Switch',
  group: 'flow',
  description: 'Checks cases in order; the first truthy case names the output handle.',
  inputs: [{ name: 'in', dataType: 'any' }],
  outputs: [{ name: DEFAULT_HANDLE, dataType: 'any' }],
  resolveOutputs(settings): HandleSpec[] {
    const cases = Array.isArray(settings.cases) ? (settings.cases as Partial<SwitchCase>[]) : [];
    return cases.filter((c) => typeof c.handle === 'string').map((c) => ({ name: c.handle!, dataType: 'any' }));
  },
  settingsSchema: {
    type: 'object',
    properties: {
      cases: {
        type: 'array',
        description: 'Cases as { handle, expression }; expressions are JSONata over the input.',
        items: {
          type: 'object',
          properties: { handle: { type: 'string' }, expression: { type: 'string', format: 'jsonata' } },
          required: ['handle', 'expression'],
        },
      },
    },
    required: ['cases'],
  },
  canStart: false,
  replaySafe: true,
  async run({ data, settings, bindings }) {
    for (const candidate of settings.cases) {
      if (isTruthy(await evaluateExpression(candidate.expression, data, bindings)))
        return { output: data, handle: candidate.handle };
    }
    return { output: data, handle: DEFAULT_HANDLE };
  },
};
