import { Graph, layout } from '@dagrejs/dagre';
import type { NodeTypeDto } from '../../api/generated/models/node-type-dto';
import type { GraphDefinition, GraphPosition } from './graph-definition';

/** The drawn node's width (graph-canvas.component.css `.graph-node`). */
export const NODE_WIDTH = 240;
// Header, id and summary lines, plus one row per handle on the taller side: close enough to the
// rendered height for dagre to leave room between boxes without measuring the DOM first.
const NODE_BASE_HEIGHT = 92;
const HANDLE_ROW_HEIGHT = 20;
// Wide rank gaps keep edges long enough to read their direction; rows far enough apart for a
// node's problem list to fit under it.
const RANK_SEPARATION = 110;
const NODE_SEPARATION = 50;

export interface LayoutSizes {
  /** Handles on the taller side of a node (inputs or outputs), for its estimated height. */
  readonly handleRows: (nodeId: string) => number;
}

/**
 * Positions every node left to right by the graph's edges (dagre's layered layout), the way the
 * engine runs them: triggers on the left, each successor a rank further right.
 */
export function layoutGraph(graph: GraphDefinition, sizes?: LayoutSizes): GraphDefinition {
  const g = new Graph({ multigraph: true });
  g.setGraph({ rankdir: 'LR', ranksep: RANK_SEPARATION, nodesep: NODE_SEPARATION, marginx: 40, marginy: 40 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of graph.nodes) {
    g.setNode(node.id, { width: NODE_WIDTH, height: estimatedHeight(node.id, sizes) });
  }
  const ids = new Set(graph.nodes.map((n) => n.id));
  for (const edge of graph.edges) {
    if (ids.has(edge.source) && ids.has(edge.target)) g.setEdge(edge.source, edge.target, {}, edge.id);
  }
  layout(g);
  return {
    ...graph,
    nodes: graph.nodes.map((node) => {
      const placed = g.node(node.id);
      // dagre gives centres; the canvas positions a node by its top-left corner.
      const position: GraphPosition = {
        x: Math.round(placed.x - placed.width / 2),
        y: Math.round(placed.y - placed.height / 2),
      };
      return { ...node, position };
    }),
  };
}

/**
 * True when the stored positions cannot be drawn as they are: a node without a position, or two
 * nodes whose boxes would overlap (a graph posted through the API with every node at {x:0,y:0}).
 */
export function needsLayout(graph: GraphDefinition, sizes?: LayoutSizes): boolean {
  const boxes = graph.nodes.map((node) => {
    const position = node.position as GraphPosition | undefined;
    if (!position || !Number.isFinite(position.x) || !Number.isFinite(position.y)) return null;
    return { x: position.x, y: position.y, height: estimatedHeight(node.id, sizes) };
  });
  if (boxes.some((box) => box === null)) return true;
  const placed = boxes as { x: number; y: number; height: number }[];
  for (let i = 0; i < placed.length; i++) {
    for (let j = i + 1; j < placed.length; j++) {
      const a = placed[i];
      const b = placed[j];
      if (Math.abs(a.x - b.x) < NODE_WIDTH && a.y < b.y + b.height && b.y < a.y + a.height) return true;
    }
  }
  return false;
}

function estimatedHeight(nodeId: string, sizes?: LayoutSizes): number {
  return NODE_BASE_HEIGHT + HANDLE_ROW_HEIGHT * Math.max(1, sizes?.handleRows(nodeId) ?? 2);
}

/** Handle rows per node from its type (outputs count the error output every node may have). */
export function sizesFromTypes(graph: GraphDefinition, types: ReadonlyMap<string, NodeTypeDto>): LayoutSizes {
  const rows = new Map<string, number>();
  for (const node of graph.nodes) {
    const type = types.get(node.type);
    const cases = node.data.inputs['cases'];
    const dynamic = type?.dynamicOutputs && Array.isArray(cases) ? cases.length : 0;
    rows.set(node.id, Math.max(type?.inputs.length ?? 1, (type?.outputs.length ?? 1) + dynamic + 1));
  }
  return { handleRows: (nodeId) => rows.get(nodeId) ?? 2 };
}

/** The graph as stored when its positions are usable, else laid out left to right. */
export function withUsablePositions(graph: GraphDefinition, types: ReadonlyMap<string, NodeTypeDto>): GraphDefinition {
  const sizes = sizesFromTypes(graph, types);
  return needsLayout(graph, sizes) ? layoutGraph(graph, sizes) : graph;
}
