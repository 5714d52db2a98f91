import type { GraphDefinition, GraphEdge, GraphNode } from '../../shared/graph/graph-definition';

/** Marks clipboard text as Baton nodes, so pasting someone's unrelated JSON does nothing. */
const CLIPBOARD_KIND = 'baton/graph-nodes';
const MAX_CLIPBOARD_CHARS = 1_000_000;
const MAX_PASTED_NODES = 500;
const NODE_ID = /^[A-Za-z0-9_-]{1,100}$/;

/** Selected nodes with the edges between them: what copy puts on the clipboard, as JSON. */
export interface GraphFragment {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
}

export function fragmentOf(graph: GraphDefinition, nodeIds: readonly string[]): GraphFragment {
  const ids = new Set(nodeIds);
  return {
    nodes: graph.nodes.filter((n) => ids.has(n.id)),
    // Only inner edges: an edge to a node left behind would dangle in the other workflow.
    edges: graph.edges.filter((e) => ids.has(e.source) && ids.has(e.target)),
  };
}

export function writeFragment(fragment: GraphFragment): string {
  return JSON.stringify({ kind: CLIPBOARD_KIND, version: 1, ...fragment }, null, 2);
}

/** Reads clipboard text defensively (it may come from anywhere); null when it is not Baton nodes. */
export function readFragment(text: string): GraphFragment | null {
  if (text.length > MAX_CLIPBOARD_CHARS) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const body = value as { kind?: unknown; nodes?: unknown; edges?: unknown };
  if (body?.kind !== CLIPBOARD_KIND || !Array.isArray(body.nodes) || body.nodes.length > MAX_PASTED_NODES) return null;
  const nodes: GraphNode[] = [];
  for (const raw of body.nodes as unknown[]) {
    const node = raw as Partial<GraphNode>;
    if (typeof node?.id !== 'string' || !NODE_ID.test(node.id) || typeof node.type !== 'string') return null;
    const data = typeof node.data === 'object' && node.data !== null ? node.data : { inputs: {} };
    const position = node.position && Number.isFinite(node.position.x) ? node.position : { x: 0, y: 0 };
    nodes.push({ id: node.id, type: node.type, position, data: { ...data, inputs: data.inputs ?? {} } });
  }
  const ids = new Set(nodes.map((n) => n.id));
  const edges = (Array.isArray(body.edges) ? (body.edges as Partial<GraphEdge>[]) : []).filter(
    (e): e is GraphEdge =>
      typeof e?.source === 'string' &&
      typeof e.target === 'string' &&
      ids.has(e.source) &&
      ids.has(e.target) &&
      typeof e.sourceHandle === 'string' &&
      typeof e.targetHandle === 'string',
  );
  return { nodes, edges };
}

/**
 * Adds a fragment to a graph under fresh ids (the originals may be taken), shifted by `offset`
 * so a paste beside its source is visible. Resolves the graph and the new nodes' ids.
 */
export function pasteFragment(
  graph: GraphDefinition,
  fragment: GraphFragment,
  offset: { x: number; y: number },
): { graph: GraphDefinition; nodeIds: string[] } {
  const taken = new Set(graph.nodes.map((n) => n.id));
  const renamed = new Map<string, string>();
  for (const node of fragment.nodes) {
    const id = freeId(node.id, taken);
    taken.add(id);
    renamed.set(node.id, id);
  }
  const nodes = fragment.nodes.map((node) => ({
    ...node,
    id: renamed.get(node.id)!,
    position: { x: node.position.x + offset.x, y: node.position.y + offset.y },
  }));
  const takenEdges = new Set(graph.edges.map((e) => e.id));
  const edges = fragment.edges.map((edge) => {
    const source = renamed.get(edge.source)!;
    const target = renamed.get(edge.target)!;
    const id = freeId(`${source}-${edge.sourceHandle}-${target}-${edge.targetHandle}`, takenEdges);
    takenEdges.add(id);
    return { ...edge, id, source, target };
  });
  return {
    graph: { nodes: [...graph.nodes, ...nodes], edges: [...graph.edges, ...edges] },
    nodeIds: nodes.map((n) => n.id),
  };
}

// Rough node box for keeping a paste off the nodes already there (the layout estimates more exactly).
const NODE_BOX = { width: 240, height: 150 };
const STEP_DOWN = 80;
const MAX_STEPS = 40;

/** The offset, moved down until the pasted nodes cover none of the graph's nodes. */
export function clearOffset(
  graph: GraphDefinition,
  fragment: GraphFragment,
  offset: { x: number; y: number },
): { x: number; y: number } {
  const covers = (dx: number, dy: number) =>
    fragment.nodes.some((p) =>
      graph.nodes.some(
        (n) =>
          Math.abs(p.position.x + dx - n.position.x) < NODE_BOX.width &&
          Math.abs(p.position.y + dy - n.position.y) < NODE_BOX.height,
      ),
    );
  let y = offset.y;
  for (let step = 0; step < MAX_STEPS && covers(offset.x, y); step++) y += STEP_DOWN;
  return { x: offset.x, y };
}

function freeId(wanted: string, taken: ReadonlySet<string>): string {
  if (!taken.has(wanted)) return wanted;
  const base = wanted.replace(/_\d+$/, '');
  let n = 1;
  while (taken.has(`${base}_${n}`)) n++;
  return `${base}_${n}`;
}
