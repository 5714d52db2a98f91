// The graph format the engine runs and the editor saves (issue 3): React-Flow-like nodes and edges.

export interface GraphPosition {
  readonly x: number;
  readonly y: number;
}

export interface GraphNode {
  readonly id: string;
  readonly type: string;
  readonly position: GraphPosition;
  readonly data: { readonly inputs: Readonly<Record<string, unknown>>; readonly [key: string]: unknown };
}

export interface GraphEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly sourceHandle: string;
  readonly targetHandle: string;
}

export interface GraphDefinition {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
}

/** Every node may fail onto this output; the engine types it `object`. */
export const ERROR_HANDLE = 'error';

/** Reads a stored definition defensively: an ASL or malformed definition yields an empty graph. */
export function readGraphDefinition(definition: unknown): GraphDefinition {
  const value = (definition ?? {}) as { nodes?: unknown; edges?: unknown };
  const nodes = Array.isArray(value.nodes) ? (value.nodes as GraphNode[]) : [];
  const edges = Array.isArray(value.edges) ? (value.edges as GraphEdge[]) : [];
  return {
    nodes: nodes.map((node) => ({
      ...node,
      // No position: stacked at the origin, which withUsablePositions (layout-graph.ts) lays out.
      position: node.position ?? { x: 0, y: 0 },
      data: { ...(node.data ?? {}), inputs: node.data?.inputs ?? {} },
    })),
    edges: edges.map((edge) => ({
      ...edge,
      sourceHandle: edge.sourceHandle ?? 'out',
      targetHandle: edge.targetHandle ?? 'in',
    })),
  };
}

// Connector ids on the canvas. Node ids match /^[A-Za-z0-9_-]+$/, so ':' can never collide.
export function outputConnectorId(nodeId: string, handle: string): string {
  return `${nodeId}:out:${handle}`;
}

export function inputConnectorId(nodeId: string, handle: string): string {
  return `${nodeId}:in:${handle}`;
}

export function parseConnectorId(connectorId: string): { nodeId: string; side: 'in' | 'out'; handle: string } | null {
  const [nodeId, side, ...rest] = connectorId.split(':');
  if (!nodeId || (side !== 'in' && side !== 'out') || rest.length === 0) return null;
  return { nodeId, side, handle: rest.join(':') };
}
