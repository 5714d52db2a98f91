import type { NodeRegistry } from '../nodes/node-registry.js';
import type { GraphDefinition } from './graph-definition.js';
import { indexGraph } from './index-graph.js';

/**
 * Orders nodes into phases by dependency: a node sits one phase after its latest predecessor,
 * so nodes of a phase can run concurrently. Loop back-edges are ignored. Used for previews and
 * estimates; at run time steps start as soon as their own inputs are ready, which never waits
 * longer than the phase order would.
 */
export function planPhases(definition: GraphDefinition, registry: NodeRegistry): string[][] {
  const index = indexGraph(definition, registry);
  const phaseOf = new Map<string, number>();
  const remaining = new Map(definition.nodes.map((node) => [node.id, index.incoming.get(node.id)!.length]));
  let frontier = definition.nodes.filter((node) => remaining.get(node.id) === 0).map((node) => node.id);
  const phases: string[][] = [];
  while (frontier.length) {
    phases.push(frontier);
    const next: string[] = [];
    for (const id of frontier) {
      phaseOf.set(id, phases.length - 1);
      for (const edge of index.outgoing.get(id) ?? []) {
        if (!index.incoming.get(edge.target)!.includes(edge)) continue;
        const left = remaining.get(edge.target)! - 1;
        remaining.set(edge.target, left);
        if (left === 0) next.push(edge.target);
      }
    }
    frontier = next;
  }
  return phases;
}
