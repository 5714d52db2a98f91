import { boundedConcurrency, evaluateExpression, fanOutLimits, InvalidInputError, type NodeType } from '@baton/engine';

interface LoopSettings {
  items?: string;
  concurrency: number;
}

/**
 * For-each: runs the body (nodes after `item`) once per item, at most `concurrency` at a time.
 * The body's last node connects back into `next`; `done` carries the results in item order.
 */
export const loopNode: NodeType<LoopSettings> = {
  type: 'flow.loop',
  version: 1,
  title: 'Loop (for each)',
  group: 'flow',
  description: 'Runs the connected body for each item of an array and collects the results.',
  kind: 'loop',
  inputs: [
    { name: 'in', dataType: 'any' },
    { name: 'next', dataType: 'any', multiple: true, description: 'Result of one iteration, from the body.' },
  ],
  outputs: [
    { name: 'item', dataType: 'any', description: 'One item, into the body.' },
    { name: 'done', dataType: 'array', description: 'Results of all iterations, in item order.' },
  ],
  settingsSchema: {
    type: 'object',
    properties: {
      items: {
        type: 'string',
        format: 'jsonata',
        description: 'Expression selecting the array; defaults to the input.',
      },
      concurrency: { type: 'integer', minimum: 1, default: 1 },
    },
  },
  canStart: false,
  replaySafe: true,
  async run({ data, settings, bindings }) {
    const items = settings.items ? await evaluateExpression(settings.items, data, bindings) : data;
    if (!Array.isArray(items))
      throw new InvalidInputError('flow.loop needs an array to iterate over', 'INVALID_LOOP_ITEMS');
    const { maxItems } = fanOutLimits();
    if (items.length > maxItems)
      throw new InvalidInputError(
        `flow.loop got ${items.length} items; at most ${maxItems} are allowed (BATON_MAX_ITEMS)`,
        'EXECUTION_LIMIT',
      );
    // BATON_MAX_STEP_CONCURRENCY bounds how many iterations of one loop run at once.
    return {
      output: null,
      iterate: { items, concurrency: boundedConcurrency(Math.floor(settings.concurrency), items.length) },
    };
  },
};
