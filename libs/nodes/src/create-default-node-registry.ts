import { NodeRegistry } from '@baton/engine';
import { defaultNodeTypes } from './default-node-types.js';

/** A registry with the core node types; throws at boot on a duplicate type@version. */
export function createDefaultNodeRegistry(): NodeRegistry {
  return new NodeRegistry(defaultNodeTypes);
}
