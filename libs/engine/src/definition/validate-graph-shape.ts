import type { ValidationProblem } from './validation-problem.js';

// Dots and brackets are reserved: loop iterations build step ids like `loop[3].node`.
const NODE_ID = /^[A-Za-z0-9_-]{1,64}$/;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Structural check for untrusted JSON (the API's first line): types of the fields the engine
 * reads, id syntax, duplicate ids, edges pointing at unknown nodes. Returns every problem.
 */
export function validateGraphShape(definition: unknown): ValidationProblem[] {
  if (!isObject(definition)) return [{ path: '', message: 'definition must be an object' }];
  const problems: ValidationProblem[] = [];
  const { nodes, edges } = definition;
  if (!Array.isArray(nodes)) problems.push({ path: 'nodes', message: 'nodes must be an array' });
  if (!Array.isArray(edges)) problems.push({ path: 'edges', message: 'edges must be an array' });
  if (definition.settings !== undefined && !isObject(definition.settings)) {
    problems.push({ path: 'settings', message: 'settings must be an object' });
  } else if (
    definition.settings?.durability !== undefined &&
    !['express', 'standard'].includes(definition.settings.durability as string)
  ) {
    problems.push({ path: 'settings.durability', message: 'durability must be "express" or "standard"' });
  }
  const nodeIds = new Set<string>();
  (Array.isArray(nodes) ? nodes : []).forEach((node: unknown, i) => {
    const path = `nodes[${i}]`;
    if (!isObject(node)) return problems.push({ path, message: 'node must be an object' });
    const nodeId = typeof node.id === 'string' ? node.id : undefined;
    if (nodeId === undefined || !NODE_ID.test(nodeId)) {
      problems.push({ path: `${path}.id`, message: 'id must be 1-64 letters, digits, "_" or "-"', nodeId });
    } else if (nodeIds.has(nodeId)) {
      problems.push({ path: `${path}.id`, message: `duplicate node id "${nodeId}"`, nodeId });
    } else nodeIds.add(nodeId);
    if (typeof node.type !== 'string' || !node.type)
      problems.push({ path: `${path}.type`, message: 'type must be a string', nodeId });
    if (!isObject(node.data)) problems.push({ path: `${path}.data`, message: 'data must be an object', nodeId });
    else if (node.data.inputs !== undefined && !isObject(node.data.inputs)) {
      problems.push({ path: `${path}.data.inputs`, message: 'inputs must be an object', nodeId });
    }
    return undefined;
  });
  const edgeIds = new Set<string>();
  (Array.isArray(edges) ? edges : []).forEach((edge: unknown, i) => {
    const path = `edges[${i}]`;
    if (!isObject(edge)) return problems.push({ path, message: 'edge must be an object' });
    const edgeId = typeof edge.id === 'string' ? edge.id : undefined;
    if (!edgeId) problems.push({ path: `${path}.id`, message: 'id must be a non-empty string' });
    else if (edgeIds.has(edgeId))
      problems.push({ path: `${path}.id`, message: `duplicate edge id "${edgeId}"`, edgeId });
    else edgeIds.add(edgeId);
    for (const end of ['source', 'target'] as const) {
      if (typeof edge[end] !== 'string')
        problems.push({ path: `${path}.${end}`, message: `${end} must be a node id`, edgeId });
      else if (!nodeIds.has(edge[end] as string)) {
        problems.push({ path: `${path}.${end}`, message: `${end} "${edge[end]}" is not a node`, edgeId });
      }
    }
    for (const handle of ['sourceHandle', 'targetHandle'] as const) {
      if (edge[handle] !== undefined && edge[handle] !== null && typeof edge[handle] !== 'string') {
        problems.push({ path: `${path}.${handle}`, message: `${handle} must be a string`, edgeId });
      }
    }
    return undefined;
  });
  return problems;
}
