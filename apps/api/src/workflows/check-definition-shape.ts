import type { WorkflowFormat } from '@baton/persistence';

export interface DefinitionProblem {
  path: string;
  message: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/**
 * The structural check every save runs: the document has the shape of its format. Semantic
 * validation (node types, handles, reachability, ASL rules) belongs to the engine's validators.
 * Paths start at `definition` so a 400 names the exact field.
 */
export function checkDefinitionShape(format: WorkflowFormat, definition: unknown): DefinitionProblem[] {
  if (!isObject(definition)) return [{ path: 'definition', message: 'must be a JSON object' }];
  if ('format' in definition) {
    return [{ path: 'definition.format', message: '`format` belongs beside `definition`, not inside it' }];
  }
  return format === 'graph' ? checkGraphShape(definition) : checkAslShape(definition);
}

function checkGraphShape(definition: Record<string, unknown>): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const { nodes, edges } = definition;
  if (!Array.isArray(nodes)) problems.push({ path: 'definition.nodes', message: 'must be an array of nodes' });
  if (edges !== undefined && !Array.isArray(edges)) problems.push({ path: 'definition.edges', message: 'must be an array of edges' });
  const ids = new Set<string>();
  (Array.isArray(nodes) ? nodes : []).forEach((node, i) => {
    const path = `definition.nodes[${i}]`;
    if (!isObject(node)) return problems.push({ path, message: 'must be an object' });
    if (!isNonEmptyString(node.id)) problems.push({ path: `${path}.id`, message: 'must be a non-empty string' });
    else if (ids.has(node.id)) problems.push({ path: `${path}.id`, message: `duplicate node id "${node.id}"` });
    else ids.add(node.id);
    if (!isNonEmptyString(node.type)) problems.push({ path: `${path}.type`, message: 'must be a node type id such as "http.request"' });
    if (node.data !== undefined && !isObject(node.data)) problems.push({ path: `${path}.data`, message: 'must be an object' });
    return undefined;
  });
  (Array.isArray(edges) ? edges : []).forEach((edge, i) => {
    const path = `definition.edges[${i}]`;
    if (!isObject(edge)) return problems.push({ path, message: 'must be an object' });
    for (const field of ['id', 'source', 'target'] as const) {
      if (!isNonEmptyString(edge[field])) problems.push({ path: `${path}.${field}`, message: 'must be a non-empty string' });
    }
    return undefined;
  });
  return problems;
}

function checkAslShape(definition: Record<string, unknown>): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  if (!isNonEmptyString(definition.StartAt)) problems.push({ path: 'definition.StartAt', message: 'must name the first state' });
  if (!isObject(definition.States) || Object.keys(definition.States).length === 0) {
    problems.push({ path: 'definition.States', message: 'must be an object with at least one state' });
  } else if (isNonEmptyString(definition.StartAt) && !(definition.StartAt in definition.States)) {
    problems.push({ path: 'definition.StartAt', message: `names "${definition.StartAt}", which is not in States` });
  }
  return problems;
}
