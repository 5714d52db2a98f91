import type { AnyNodeType } from '../../nodes/node-type.js';
import { createTestEngine } from '../../testing/create-test-engine.js';
import { InMemoryTaskTokenStore } from '../../testing/in-memory-task-token-store.js';
import { AslInterpreter } from '../asl-interpreter.js';

/** `createTestEngine` with the ASL interpreter beside the graph one. Time moves only through `advance`. */
export function createAslTestEngine(
  options: { nodeTypes?: AnyNodeType[]; random?: () => number; lambdaEndpoint?: string } = {},
) {
  const taskTokens = new InMemoryTaskTokenStore();
  const harness = createTestEngine({
    nodeTypes: options.nodeTypes,
    random: options.random ?? (() => 0.5),
    moreInterpreters: (registry) => [
      new AslInterpreter(registry, { lambdaEndpoint: options.lambdaEndpoint ?? null, taskTokens }),
    ],
  });
  return { ...harness, taskTokens };
}

export type AslTestEngine = ReturnType<typeof createAslTestEngine>;
