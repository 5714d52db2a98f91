import type { GraphDefinition, GraphEdge, GraphNode } from './graph-definition.js';
import type { ValidationProblem } from './validation-problem.js';

// Same rule as validateGraphShape: ids that loop step ids can be built from.
const NODE_ID = /^[A-Za-z0-9_-]{1,64}$/;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isHandle = (value: unknown) => value === undefined || value === null || typeof value === 'string';

/** The nodes and edges of a possibly malformed graph that the semantic checks can read. */
export interface WellFormedPart {
  graph: GraphDefinition;
  /** Nodes whose `data` was malformed: their settings and policies are not checked again. */
  uncheckedData: Set<string>;
  /** Maps problem paths of `graph` (`nodes[k]`, `edges[k]`) back to the definition's own indices. */
  rootPaths(problems: ValidationProblem[]): ValidationProblem[];
}

/**
 * Keeps what the semantic checks can still judge once the shape check found faults, so one
 * answer lists every problem: nodes with a usable id and type (a node with malformed `data`
 * stays, with empty data, so its type and edges are still checked) and edges between kept nodes.
 * Dropped parts were reported by the shape check already.
 */
export function wellFormedPartOf(definition: Record<string, unknown>): WellFormedPart {
  const nodeOrigin: number[] = [];
  const edgeOrigin: number[] = [];
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const uncheckedData = new Set<string>();
  const ids = new Set<string>();
  (Array.isArray(definition.nodes) ? definition.nodes : []).forEach((node: unknown, i) => {
    if (!isObject(node) || typeof node.id !== 'string' || !NODE_ID.test(node.id) || ids.has(node.id)) return;
    if (typeof node.type !== 'string' || !node.type) return;
    ids.add(node.id);
    const dataOk = isObject(node.data) && (node.data.inputs === undefined || isObject(node.data.inputs));
    if (!dataOk) uncheckedData.add(node.id);
    nodes.push({ ...(node as unknown as GraphNode), data: dataOk ? (node.data as GraphNode['data']) : {} });
    nodeOrigin.push(i);
  });
  (Array.isArray(definition.edges) ? definition.edges : []).forEach((edge: unknown, i) => {
    if (!isObject(edge) || !ids.has(edge.source as string) || !ids.has(edge.target as string)) return;
    if (!isHandle(edge.sourceHandle) || !isHandle(edge.targetHandle)) return;
    edges.push(edge as unknown as GraphEdge);
    edgeOrigin.push(i);
  });
  const settings = isObject(definition.settings) ? (definition.settings as GraphDefinition['settings']) : undefined;
  const rootPaths = (problems: ValidationProblem[]) =>
    problems.map((problem) => ({
      ...problem,
      path: problem.path.replace(
        /^(nodes|edges)\[(\d+)\]/,
        (_all, list: string, k: string) => `${list}[${(list === 'nodes' ? nodeOrigin : edgeOrigin)[Number(k)]}]`,
      ),
    }));
  return { graph: { nodes, edges, settings }, uncheckedData, rootPaths };
}
