import type { GraphEdge } from './graph-definition.js';

/**
 * Edges that lie on a cycle: u -> v where v can reach u again, i.e. both ends are in the same
 * strongly connected component (a self-edge always is). Tarjan's algorithm, iterative so a long
 * chain cannot overflow the stack, and linear so validating a large graph stays cheap.
 */
export function findCycleEdges(nodeIds: string[], edges: GraphEdge[]): GraphEdge[] {
  const component = stronglyConnectedComponents(nodeIds, edges);
  return edges.filter((edge) => {
    const from = component.get(edge.source);
    return from !== undefined && from === component.get(edge.target);
  });
}

function stronglyConnectedComponents(nodeIds: string[], edges: GraphEdge[]): Map<string, number> {
  const next = new Map<string, string[]>(nodeIds.map((id) => [id, []]));
  for (const edge of edges) next.get(edge.source)?.push(edge.target);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const component = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  let counter = 0;
  let components = 0;
  for (const root of nodeIds) {
    if (index.has(root)) continue;
    // Each frame is a node and the position of the next successor to visit.
    const frames: [string, number][] = [[root, 0]];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (frames.length) {
      const frame = frames[frames.length - 1];
      const [id, position] = frame;
      const successors = next.get(id) ?? [];
      if (position < successors.length) {
        frame[1]++;
        const target = successors[position];
        if (!next.has(target)) continue;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          frames.push([target, 0]);
        } else if (onStack.has(target)) {
          low.set(id, Math.min(low.get(id)!, index.get(target)!));
        }
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low.set(parent[0], Math.min(low.get(parent[0])!, low.get(id)!));
      if (low.get(id) === index.get(id)) {
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.set(member, components);
        } while (member !== id);
        components++;
      }
    }
  }
  return component;
}
