import { AslError, STATES } from '../definition/asl.error.js';
import type { NodeRegistry } from '../../nodes/node-registry.js';
import type { NodeContext } from '../../nodes/node-type.js';

export const BATON_RESOURCE_PREFIX = 'baton:';

export interface BatonNodeCall {
  /** `baton:<type>[@version]` */
  resource: string;
  /** The Task's input after InputPath: the node's data on its `in` handle. */
  data: unknown;
  /** The Task's Parameters after evaluation: the node's settings (schema defaults fill the rest). */
  settings: Record<string, unknown>;
  bindings: Record<string, unknown>;
  ctx: NodeContext;
}

/** Runs a Baton node type as a Task resource; its output is the task result. */
export async function runBatonNode(registry: NodeRegistry, call: BatonNodeCall): Promise<unknown> {
  const typeRef = call.resource.slice(BATON_RESOURCE_PREFIX.length);
  const nodeType = registry.find(typeRef);
  if (!nodeType) throw new AslError(STATES.Runtime, `Unknown node type "${typeRef}" in Resource "${call.resource}"`);
  const settings: Record<string, unknown> = {};
  for (const [key, property] of Object.entries(nodeType.settingsSchema.properties)) {
    if (property.default !== undefined) settings[key] = structuredClone(property.default);
  }
  Object.assign(settings, call.settings);
  const result = await nodeType.run(
    { data: call.data, handles: { in: call.data }, settings, bindings: call.bindings },
    call.ctx,
  );
  return result?.output ?? null;
}
