import type { AnyNodeType, NodeContext, NodeRunInput } from '../nodes/node-type.js';

type Run = (input: NodeRunInput, ctx: NodeContext) => Promise<unknown>;

/** A minimal node type for engine tests: one `in`, one `out`, behaviour from `run`. */
export function testNodeType(type: string, run: Run, extra: Partial<AnyNodeType> = {}): AnyNodeType {
  return {
    type,
    version: 1,
    title: type,
    group: 'util',
    description: `test node ${type}`,
    inputs: [{ name: 'in', dataType: 'any' }],
    outputs: [{ name: 'out', dataType: 'any' }],
    settingsSchema: { type: 'object', properties: {} },
    canStart: false,
    replaySafe: true,
    run: async (input, ctx) => ({ output: await run(input, ctx) }),
    ...extra,
  };
}

/** A node that waits until the test releases it (or its signal aborts): for concurrency, pause, cancel. */
export function gatedNodeType(type = 'test.gate') {
  const waiting = new Map<string, (value: unknown) => void>();
  const seenSignals = new Map<string, AbortSignal>();
  let running = 0;
  let maxRunning = 0;
  const nodeType = testNodeType(type, (input, ctx) => {
    running++;
    maxRunning = Math.max(maxRunning, running);
    seenSignals.set(ctx.stepId, ctx.signal);
    return new Promise((resolve, reject) => {
      waiting.set(ctx.stepId, resolve);
      ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason), { once: true });
    }).finally(() => {
      running--;
      waiting.delete(ctx.stepId);
    });
  });
  return {
    nodeType,
    /** Step ids currently inside `run`. */
    waiting: () => [...waiting.keys()].sort(),
    release(stepId: string, output: unknown = stepId) {
      const resolve = waiting.get(stepId);
      if (!resolve) throw new Error(`${stepId} is not waiting`);
      resolve(output);
    },
    signalOf: (stepId: string) => seenSignals.get(stepId),
    maxRunning: () => maxRunning,
  };
}
