import type { GraphDefinition, GraphNode, GraphSettings } from '../definition/graph-definition.js';

export type NodeSpec = [
  id: string,
  type: string,
  inputs?: Record<string, unknown>,
  data?: Omit<GraphNode['data'], 'inputs'>,
];

/**
 * Terse graph fixtures: nodes as tuples, edges as `source[:handle]->target[:handle]`.
 * `buildGraph([['t', 'trigger.manual'], ['c', 'flow.condition', { expression: 'x' }]], ['t->c'])`
 */
export function buildGraph(nodes: NodeSpec[], edges: string[], settings?: GraphSettings): GraphDefinition {
  return {
    nodes: nodes.map(([id, type, inputs, data], i) => ({
      id,
      type,
      position: { x: i * 200, y: 0 },
      data: { ...data, inputs: inputs ?? {} },
    })),
    edges: edges.map((spec, i) => {
      const [from, to] = spec.split('->');
      const [source, sourceHandle] = from.split(':');
      const [target, targetHandle] = to.split(':');
      return {
        id: `e${i + 1}`,
        source,
        target,
        sourceHandle: sourceHandle ?? null,
        targetHandle: targetHandle ?? null,
      };
    }),
    ...(settings ? { settings } : {}),
  };
}
