import { resolveSettings } from '../expressions/resolve-settings.js';
import { loopbackTestFetch } from './loopback-test-fetch.js';
import type { AnyNodeType, NodeContext, NodeLogger, NodeResult } from '../nodes/node-type.js';

export interface NodeTestRun {
  result: NodeResult;
  logs: Array<{ level: keyof NodeLogger; message: string; data?: unknown }>;
}

/** A NodeContext for node specs, with a recording logger. */
export function createNodeTestContext(overrides: Partial<NodeContext> = {}) {
  const logs: NodeTestRun['logs'] = [];
  const record = (level: keyof NodeLogger) => (message: string, data?: unknown) =>
    void logs.push({ level, message, data });
  const ctx: NodeContext = {
    signal: new AbortController().signal,
    log: { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') },
    services: { fetch: loopbackTestFetch() },
    idempotencyKey: 'exec-1:node:1',
    executionId: 'exec-1',
    stepId: 'node',
    nodeId: 'node',
    attempt: 1,
    ...overrides,
  };
  return { ctx, logs };
}

/**
 * Runs a node the way the engine would: `inputs` (the node's `data.inputs`) get schema defaults
 * and `{{ }}` templates evaluated against `data`, then `run` is called with a test context.
 */
export async function runNodeForTest(
  nodeType: AnyNodeType,
  data: unknown,
  inputs: Record<string, unknown> = {},
  options: { bindings?: Record<string, unknown>; ctx?: Partial<NodeContext> } = {},
): Promise<NodeTestRun> {
  const bindings = options.bindings ?? {};
  const settings = await resolveSettings(inputs, nodeType.settingsSchema, data, bindings);
  const { ctx, logs } = createNodeTestContext(options.ctx);
  const result = await nodeType.run({ data, handles: { in: data }, settings, bindings }, ctx);
  return { result, logs };
}
