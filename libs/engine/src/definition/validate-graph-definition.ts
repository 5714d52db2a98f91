import { checkNodePolicies } from './check-node-policies.js';
import type { NodeRegistry } from '../nodes/node-registry.js';
import { handleTypesConnect } from '../nodes/handle-types-connect.js';
import { type AnyNodeType, type HandleSpec, outputsOf } from '../nodes/node-type.js';
import { checkSettings } from './check-settings.js';
import { findCycleEdges } from './find-cycle-edges.js';
import {
  ERROR_HANDLE,
  type GraphDefinition,
  type GraphEdge,
  sourceHandleOf,
  targetHandleOf,
} from './graph-definition.js';
import { collectLoopMembers, isBackEdge, LOOP_ITEM_HANDLE, LOOP_NEXT_HANDLE } from './index-graph.js';
import { validateGraphShape } from './validate-graph-shape.js';
import { wellFormedPartOf } from './well-formed-part.js';
import type { ValidationProblem, ValidationResult } from './validation-problem.js';
import { DEFAULT_MAX_NODES } from './workspace-limits.js';

export interface GraphValidationOptions {
  /** The workspace's node limit; DEFAULT_MAX_NODES when absent. */
  maxNodes?: number;
}

/**
 * Checks a graph definition against the node registry and returns every problem at once:
 * shape, unknown types, settings, handles and their types, reachability, cycles, loop bodies,
 * node limit. Shape faults do not stop the other checks: they run on the well-formed part.
 */
export function validateGraphDefinition(
  definition: unknown,
  registry: NodeRegistry,
  options: GraphValidationOptions = {},
): ValidationResult {
  const shapeProblems = validateGraphShape(definition);
  if (shapeProblems.length && !isObject(definition)) return { valid: false, problems: shapeProblems };
  // A broken part must not hide problems elsewhere: the semantic checks judge what is well formed.
  const part = wellFormedPartOf(definition as Record<string, unknown>);
  const problems = [
    ...shapeProblems,
    ...part.rootPaths(checkSemantics(part.graph, registry, options, part.uncheckedData)),
  ];
  return { valid: problems.length === 0, problems };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function checkSemantics(
  graph: GraphDefinition,
  registry: NodeRegistry,
  options: GraphValidationOptions,
  uncheckedData: Set<string>,
): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const maxNodes = options.maxNodes ?? DEFAULT_MAX_NODES;
  if (graph.nodes.length > maxNodes) {
    problems.push({ path: 'nodes', message: `${graph.nodes.length} nodes exceed the workspace limit of ${maxNodes}` });
  }
  const nodeTypes = new Map<string, AnyNodeType>();
  const nodeIndex = new Map<string, number>();
  graph.nodes.forEach((node, i) => {
    nodeIndex.set(node.id, i);
    const nodeType = registry.find(node.type);
    if (!nodeType) {
      problems.push({ path: `nodes[${i}].type`, message: `unknown node type "${node.type}"`, nodeId: node.id });
      return;
    }
    nodeTypes.set(node.id, nodeType);
    if (uncheckedData.has(node.id)) return;
    for (const problem of checkNodePolicies(node.data)) {
      problems.push({ path: `nodes[${i}].data.${problem.key}`, message: problem.message, nodeId: node.id });
    }
    for (const problem of checkSettings(node.data.inputs ?? {}, nodeType.settingsSchema)) {
      problems.push({ path: `nodes[${i}].data.inputs.${problem.key}`, message: problem.message, nodeId: node.id });
    }
  });
  problems.push(...checkEdges(graph, nodeTypes));
  problems.push(...checkRequiredHandles(graph, nodeTypes));
  problems.push(...checkReachability(graph, nodeTypes, nodeIndex));
  const forward = graph.edges.filter((edge) => !isBackEdge(edge, nodeTypes));
  for (const edge of findCycleEdges(
    graph.nodes.map((n) => n.id),
    forward,
  )) {
    problems.push({
      path: `edges[${graph.edges.indexOf(edge)}]`,
      message: `edge ${edge.source} -> ${edge.target} closes a cycle that does not go through a loop's "${LOOP_NEXT_HANDLE}" handle`,
      edgeId: edge.id,
    });
  }
  problems.push(...checkLoopBodies(graph, nodeTypes));
  return problems;
}

function findHandle(handles: HandleSpec[], name: string): HandleSpec | undefined {
  return handles.find((handle) => handle.name === name);
}

function checkEdges(graph: GraphDefinition, nodeTypes: Map<string, AnyNodeType>): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const nodes = new Map(graph.nodes.map((node) => [node.id, node]));
  const edgesPerTarget = new Map<string, number>();
  graph.edges.forEach((edge, i) => {
    const sourceType = nodeTypes.get(edge.source);
    const targetType = nodeTypes.get(edge.target);
    const sourceName = sourceHandleOf(edge);
    const targetName = targetHandleOf(edge);
    const errorHandle: HandleSpec = { name: ERROR_HANDLE, dataType: 'object' };
    const source =
      sourceType &&
      findHandle([...outputsOf(sourceType, nodes.get(edge.source)?.data.inputs), errorHandle], sourceName);
    const target = targetType && findHandle(targetType.inputs, targetName);
    if (sourceType && !source) {
      problems.push({
        path: `edges[${i}].sourceHandle`,
        message: `${sourceType.type} has no output handle "${sourceName}"`,
        edgeId: edge.id,
      });
    }
    if (targetType && !target) {
      problems.push({
        path: `edges[${i}].targetHandle`,
        message: `${targetType.type} has no input handle "${targetName}"`,
        edgeId: edge.id,
      });
    }
    if (source && target && !handleTypesConnect(source.dataType, target.dataType)) {
      problems.push({
        path: `edges[${i}]`,
        message: `handle types do not match: "${sourceName}" gives ${source.dataType}, "${targetName}" takes ${target.dataType}`,
        edgeId: edge.id,
      });
    }
    const key = `${edge.target}\u0000${targetName}`;
    edgesPerTarget.set(key, (edgesPerTarget.get(key) ?? 0) + 1);
    if (target && !target.multiple && edgesPerTarget.get(key)! > 1) {
      problems.push({
        path: `edges[${i}].targetHandle`,
        message: `input "${targetName}" of ${edge.target} accepts one edge; use flow.merge`,
        edgeId: edge.id,
      });
    }
  });
  return problems;
}

function checkRequiredHandles(graph: GraphDefinition, nodeTypes: Map<string, AnyNodeType>): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const connected = new Set(graph.edges.map((e) => `${e.target}\u0000${targetHandleOf(e)}`));
  graph.nodes.forEach((node, i) => {
    for (const handle of nodeTypes.get(node.id)?.inputs ?? []) {
      if (handle.required && !connected.has(`${node.id}\u0000${handle.name}`)) {
        problems.push({
          path: `nodes[${i}].handles.${handle.name}`,
          message: `missing required input "${handle.name}"`,
          nodeId: node.id,
        });
      }
    }
  });
  return problems;
}

function checkReachability(
  graph: GraphDefinition,
  nodeTypes: Map<string, AnyNodeType>,
  nodeIndex: Map<string, number>,
): ValidationProblem[] {
  const hasIncoming = new Set(graph.edges.map((edge) => edge.target));
  const starts = graph.nodes.filter((node) => nodeTypes.get(node.id)?.canStart && !hasIncoming.has(node.id));
  if (graph.nodes.length && !starts.length) {
    return [{ path: 'nodes', message: 'no start node: add a node that can start a workflow (e.g. trigger.manual)' }];
  }
  // Adjacency lists keep this linear: a graph near the node limit must not cost nodes x edges.
  const successors = new Map<string, string[]>();
  for (const edge of graph.edges) {
    const list = successors.get(edge.source);
    if (list) list.push(edge.target);
    else successors.set(edge.source, [edge.target]);
  }
  const reached = new Set<string>();
  const queue = starts.map((node) => node.id);
  while (queue.length) {
    const id = queue.pop()!;
    if (reached.has(id)) continue;
    reached.add(id);
    queue.push(...(successors.get(id) ?? []));
  }
  return graph.nodes
    .filter((node) => !reached.has(node.id) && nodeTypes.has(node.id))
    .map((node) => ({
      path: `nodes[${nodeIndex.get(node.id)}]`,
      message: `node "${node.id}" is not reachable from a start node`,
      nodeId: node.id,
    }));
}

// A loop body is everything reachable from the loop's `item` handle. Its steps exist once per
// iteration, so it may read from nodes before the loop but never from nodes after it (they run
// only once the loop is done: the iteration would wait forever).
function checkLoopBodies(graph: GraphDefinition, nodeTypes: Map<string, AnyNodeType>): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const outgoing = new Map<string, GraphEdge[]>(graph.nodes.map((n) => [n.id, []]));
  for (const edge of graph.edges) if (!isBackEdge(edge, nodeTypes)) outgoing.get(edge.source)?.push(edge);
  for (const node of graph.nodes) {
    if (nodeTypes.get(node.id)?.kind !== 'loop') continue;
    const members = collectLoopMembers(node.id, outgoing);
    const after = collectAfterLoop(node.id, outgoing);
    graph.edges.forEach((edge, i) => {
      const path = `edges[${i}]`;
      if (edge.target === node.id && targetHandleOf(edge) === LOOP_NEXT_HANDLE && !members.has(edge.source)) {
        problems.push({
          path,
          message: `only the body of loop "${node.id}" may feed its "${LOOP_NEXT_HANDLE}" handle`,
          edgeId: edge.id,
        });
      }
      const fromAfter =
        after.has(edge.source) || (edge.source === node.id && sourceHandleOf(edge) !== LOOP_ITEM_HANDLE);
      if (members.has(edge.target) && !members.has(edge.source) && fromAfter) {
        problems.push({
          path,
          message: `edge enters the body of loop "${node.id}" from after the loop`,
          edgeId: edge.id,
        });
      }
    });
  }
  return problems;
}

/** Nodes downstream of a loop's non-`item` handles (`done`, `error`). */
function collectAfterLoop(loopId: string, outgoing: Map<string, GraphEdge[]>): Set<string> {
  const after = new Set<string>();
  const queue = (outgoing.get(loopId) ?? []).filter((e) => sourceHandleOf(e) !== LOOP_ITEM_HANDLE).map((e) => e.target);
  while (queue.length) {
    const id = queue.shift()!;
    if (after.has(id)) continue;
    after.add(id);
    for (const edge of outgoing.get(id) ?? []) queue.push(edge.target);
  }
  return after;
}
