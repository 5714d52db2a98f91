import type { NodeRegistry } from '../nodes/node-registry.js';
import type { AnyNodeType } from '../nodes/node-type.js';
import {
  type GraphDefinition,
  type GraphEdge,
  type GraphNode,
  sourceHandleOf,
  targetHandleOf,
} from './graph-definition.js';

export const LOOP_ITEM_HANDLE = 'item';
export const LOOP_NEXT_HANDLE = 'next';
export const LOOP_DONE_HANDLE = 'done';

/** Lookups derived once from a definition; everything the planner asks about the graph. */
export interface GraphIndex {
  definition: GraphDefinition;
  nodes: Map<string, GraphNode>;
  nodeTypes: Map<string, AnyNodeType>;
  /** Incoming edges, without loop back-edges (edges into a loop's `next` handle). */
  incoming: Map<string, GraphEdge[]>;
  outgoing: Map<string, GraphEdge[]>;
  /** Per loop node: the back-edges that carry one iteration's result. */
  loopResults: Map<string, GraphEdge[]>;
  /** Per loop node: nodes whose innermost enclosing loop it is. */
  loopBody: Map<string, string[]>;
  /** Per node: enclosing loops, outermost first. */
  enclosingLoops: Map<string, string[]>;
}

const cache = new WeakMap<GraphDefinition, GraphIndex>();

export function isBackEdge(edge: GraphEdge, nodeTypes: Map<string, AnyNodeType>): boolean {
  return nodeTypes.get(edge.target)?.kind === 'loop' && targetHandleOf(edge) === LOOP_NEXT_HANDLE;
}

/** Builds (and caches per definition object) the graph index. Unknown types are left out. */
export function indexGraph(definition: GraphDefinition, registry: NodeRegistry): GraphIndex {
  const cached = cache.get(definition);
  if (cached) return cached;
  const nodes = new Map(definition.nodes.map((node) => [node.id, node]));
  const nodeTypes = new Map<string, AnyNodeType>();
  for (const node of definition.nodes) {
    const nodeType = registry.find(node.type);
    if (nodeType) nodeTypes.set(node.id, nodeType);
  }
  const incoming = new Map<string, GraphEdge[]>(definition.nodes.map((n) => [n.id, []]));
  const outgoing = new Map<string, GraphEdge[]>(definition.nodes.map((n) => [n.id, []]));
  const loopResults = new Map<string, GraphEdge[]>();
  for (const edge of definition.edges) {
    outgoing.get(edge.source)?.push(edge);
    if (isBackEdge(edge, nodeTypes)) {
      loopResults.set(edge.target, [...(loopResults.get(edge.target) ?? []), edge]);
    } else {
      incoming.get(edge.target)?.push(edge);
    }
  }
  const { loopBody, enclosingLoops } = findLoopBodies(definition, nodeTypes, outgoing);
  const index = { definition, nodes, nodeTypes, incoming, outgoing, loopResults, loopBody, enclosingLoops };
  cache.set(definition, index);
  return index;
}

/** Nodes reachable from a loop's `item` handle without passing through the loop itself. */
export function collectLoopMembers(loopId: string, outgoing: Map<string, GraphEdge[]>): Set<string> {
  const members = new Set<string>();
  const queue = (outgoing.get(loopId) ?? []).filter((e) => sourceHandleOf(e) === LOOP_ITEM_HANDLE).map((e) => e.target);
  while (queue.length) {
    const id = queue.shift()!;
    if (id === loopId || members.has(id)) continue;
    members.add(id);
    for (const edge of outgoing.get(id) ?? []) queue.push(edge.target);
  }
  return members;
}

function findLoopBodies(
  definition: GraphDefinition,
  nodeTypes: Map<string, AnyNodeType>,
  outgoing: Map<string, GraphEdge[]>,
): { loopBody: Map<string, string[]>; enclosingLoops: Map<string, string[]> } {
  const loops = definition.nodes.filter((n) => nodeTypes.get(n.id)?.kind === 'loop').map((n) => n.id);
  const members = new Map(loops.map((id) => [id, collectLoopMembers(id, outgoing)]));
  const enclosingLoops = new Map<string, string[]>();
  for (const node of definition.nodes) {
    // A larger body encloses a smaller one, so sorting by size gives outermost first.
    const chain = loops.filter((loopId) => members.get(loopId)!.has(node.id));
    chain.sort((a, b) => members.get(b)!.size - members.get(a)!.size);
    enclosingLoops.set(node.id, chain);
  }
  const loopBody = new Map<string, string[]>(loops.map((id) => [id, []]));
  for (const [nodeId, chain] of enclosingLoops) {
    if (chain.length) loopBody.get(chain[chain.length - 1])!.push(nodeId);
  }
  return { loopBody, enclosingLoops };
}
