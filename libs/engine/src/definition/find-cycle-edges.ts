import type { GraphEdge } from './graph-definition.js';

/** Edges that lie on a cycle: u -> v where v can reach u again. */
export function findCycleEdges(nodeIds: string[], edges: GraphEdge[]): GraphEdge[] {
  const next = new Map<string, string[]>(nodeIds.map((id) => [id, []]));
  for (const edge of edges) next.get(edge.source)?.push(edge.target);
  const reaches = (from: string, to: string): boolean => {
    const seen = new Set<string>();
    const stack = [from];
    while (stack.length) {
      const id = stack.pop()!;
      if (id === to) return true;
      if (seen.has(id)) continue;
      seen.add(id);
      stack.push(...(next.get(id) ?? []));
    }
    return false;
  };
  return edges.filter((edge) => reaches(edge.target, edge.source));
}
