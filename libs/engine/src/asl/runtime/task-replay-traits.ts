import type { NodeRegistry } from '../../nodes/node-registry.js';
import type { AnyNodeType } from '../../nodes/node-type.js';
import type { AslState } from '../definition/asl-definition.js';
import { parseTaskResource, parksForToken } from '../resources/parse-task-resource.js';

/**
 * Whether a state may simply run again when a dead worker may already have run it. Only Task
 * states reach outside. HTTP and Lambda calls send the attempt's idempotency key, and a task that
 * parks for a token issues a new token that replaces the old one, so they run again. A `baton:`
 * resource has the traits of its node type.
 */
export function taskReplayTraits(
  state: AslState,
  registry: NodeRegistry,
): Pick<AnyNodeType, 'replaySafe' | 'deduplicatesByIdempotencyKey'> {
  if (state.Type !== 'Task') return { replaySafe: true };
  const resource = typeof state.Resource === 'string' ? parseTaskResource(state.Resource) : null;
  if (!resource) return { replaySafe: false };
  if (parksForToken(resource)) return { replaySafe: false, deduplicatesByIdempotencyKey: true };
  if (resource.kind === 'baton') {
    const nodeType = registry.find(resource.resource.slice('baton:'.length));
    return {
      replaySafe: nodeType?.replaySafe ?? false,
      deduplicatesByIdempotencyKey: nodeType?.deduplicatesByIdempotencyKey ?? false,
    };
  }
  return { replaySafe: false, deduplicatesByIdempotencyKey: true };
}
