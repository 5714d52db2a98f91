import { PermanentError, TransientError } from '../errors/engine.error.js';
import type { AnyNodeType } from '../nodes/node-type.js';
import { gatedNodeType, testNodeType } from './test-node-types.js';

/**
 * Small node types for engine scenarios, independent of libs/nodes:
 * `test.start` (can start), `test.add` (data + settings.n), `test.collect` (several inputs),
 * `test.gate` (waits for release), `test.flaky` (fails `failures` times, transiently),
 * `test.boom` (fails permanently while `boom.armed`).
 */
export function scenarioNodeTypes(options: { failures?: number } = {}) {
  const gate = gatedNodeType();
  const runs = new Map<string, number>();
  const count = (stepId: string) => runs.set(stepId, (runs.get(stepId) ?? 0) + 1).get(stepId)!;
  const boom = { armed: true };
  const flakyFailures = options.failures ?? 2;
  const nodeTypes: AnyNodeType[] = [
    testNodeType('test.start', async ({ data }, ctx) => (count(ctx.stepId), data), { canStart: true, inputs: [] }),
    testNodeType(
      'test.add',
      async ({ data, settings }, ctx) => (count(ctx.stepId), Number(data) + Number(settings.n ?? 1)),
      {
        settingsSchema: { type: 'object', properties: { n: { type: 'number' } } },
      },
    ),
    testNodeType('test.collect', async ({ data }, ctx) => (count(ctx.stepId), data), {
      inputs: [{ name: 'in', dataType: 'any', multiple: true }],
    }),
    testNodeType('test.flaky', async ({ data }, ctx) => {
      if (count(ctx.stepId) <= flakyFailures) throw new TransientError(`flaky attempt ${ctx.attempt}`, 'FLAKY');
      return data;
    }),
    testNodeType('test.boom', async ({ data }, ctx) => {
      count(ctx.stepId);
      if (boom.armed) throw new PermanentError('it went boom', 'BOOM');
      return data;
    }),
    { ...gate.nodeType, run: async (input, ctx) => (count(ctx.stepId), gate.nodeType.run(input, ctx)) },
  ];
  return { nodeTypes, gate, boom, runs: (stepId: string) => runs.get(stepId) ?? 0 };
}
