import type { GraphDefinition } from '../../definition/graph-definition.js';
import {
  type AslState,
  type AslStateMachine,
  type AslSubMachine,
  mapProcessorOf,
} from '../definition/asl-definition.js';

export interface DiagramNode {
  /** Unique in the diagram: the state's path, `Outer/Inner` for states inside a Map or Parallel. */
  id: string;
  name: string;
  /** ASL state type, or the node type of a graph node. */
  type: string;
  /** The Map/Parallel node this state runs inside, null at top level. */
  parentId: string | null;
  /** Parallel branch index (Map processors: 0). */
  branch: number | null;
  start: boolean;
  end: boolean;
  resource?: string;
}

export interface DiagramEdge {
  source: string;
  target: string;
  kind: 'next' | 'choice' | 'default' | 'catch' | 'graph';
  label?: string;
}

export interface StateDiagram {
  format: string;
  nodes: DiagramNode[];
  edges: DiagramEdge[];
}

/** Nodes and edges of a workflow for a read-only diagram: ASL states (nested Map/Parallel included) or the graph's own. */
export function buildStateDiagram(format: string, definition: unknown): StateDiagram {
  if (format !== 'asl') {
    const graph = definition as GraphDefinition;
    const targets = new Set((graph.edges ?? []).map((e) => e.target));
    const sources = new Set((graph.edges ?? []).map((e) => e.source));
    return {
      format,
      nodes: (graph.nodes ?? []).map((n) => ({
        id: n.id,
        name: n.data?.label ?? n.id,
        type: n.type,
        parentId: null,
        branch: null,
        start: !targets.has(n.id),
        end: !sources.has(n.id),
      })),
      edges: (graph.edges ?? []).map((e) => ({
        source: e.source,
        target: e.target,
        kind: 'graph',
        label: e.sourceHandle ?? undefined,
      })),
    };
  }
  const diagram: StateDiagram = { format, nodes: [], edges: [] };
  addMachine(diagram, definition as AslStateMachine, null, null);
  return diagram;
}

function addMachine(diagram: StateDiagram, machine: AslSubMachine, parent: string | null, branch: number | null): void {
  const idOf = (name: string) => (parent ? `${parent}/${name}` : name);
  for (const [name, state] of Object.entries(machine.States ?? {})) {
    const id = idOf(name);
    const end = state.End === true || state.Type === 'Succeed' || state.Type === 'Fail';
    diagram.nodes.push({
      id,
      name,
      type: state.Type,
      parentId: parent,
      branch,
      start: machine.StartAt === name,
      end,
      ...(state.Resource ? { resource: state.Resource } : {}),
    });
    for (const edge of transitionsOf(state))
      diagram.edges.push({
        source: id,
        target: idOf(edge.target),
        kind: edge.kind,
        ...(edge.label ? { label: edge.label } : {}),
      });
    if (state.Type === 'Parallel') (state.Branches ?? []).forEach((b, i) => addMachine(diagram, b, id, i));
    const processor = state.Type === 'Map' ? mapProcessorOf(state) : undefined;
    if (processor) addMachine(diagram, processor, id, 0);
  }
}

function transitionsOf(state: AslState): Array<{ target: string; kind: DiagramEdge['kind']; label?: string }> {
  const edges: Array<{ target: string; kind: DiagramEdge['kind']; label?: string }> = [];
  if (state.Next) edges.push({ target: state.Next, kind: 'next' });
  (state.Choices ?? []).forEach(
    (rule, i) => rule.Next && edges.push({ target: rule.Next, kind: 'choice', label: `rule ${i + 1}` }),
  );
  if (state.Default) edges.push({ target: state.Default, kind: 'default' });
  for (const catcher of state.Catch ?? [])
    edges.push({ target: catcher.Next, kind: 'catch', label: catcher.ErrorEquals.join(', ') });
  return edges;
}
