import { CHILD_EXECUTIONS_SERVICE, ChildExecutions } from '../../engine/child-executions.js';
import type { AnyNodeType } from '../../nodes/node-type.js';
import { InMemoryChildWorkflows } from '../../testing/in-memory-child-workflows.js';
import { loopbackTestFetch } from '../../testing/loopback-test-fetch.js';
import { createTestEngine } from '../../testing/create-test-engine.js';
import { InMemoryTaskTokenStore } from '../../testing/in-memory-task-token-store.js';
import { AslInterpreter } from '../asl-interpreter.js';

/** `createTestEngine` with the ASL interpreter beside the graph one. Time moves only through `advance`. */
export function createAslTestEngine(
  options: { nodeTypes?: AnyNodeType[]; random?: () => number; lambdaEndpoint?: string } = {},
) {
  const taskTokens = new InMemoryTaskTokenStore();
  // Saved workflows that `states:startExecution` may start as child executions.
  const childWorkflows = new InMemoryChildWorkflows();
  const children = new ChildExecutions(childWorkflows);
  const harness = createTestEngine({
    services: { fetch: loopbackTestFetch(), [CHILD_EXECUTIONS_SERVICE]: children },
    onExecutionEnd: (_id, _status, execution) => children.onExecutionEnd(execution),
    nodeTypes: options.nodeTypes,
    random: options.random ?? (() => 0.5),
    moreInterpreters: (registry) => [
      new AslInterpreter(registry, { lambdaEndpoint: options.lambdaEndpoint ?? null, taskTokens }),
    ],
  });
  children.attach(harness.engine);
  return { ...harness, taskTokens, childWorkflows };
}

export type AslTestEngine = ReturnType<typeof createAslTestEngine>;
