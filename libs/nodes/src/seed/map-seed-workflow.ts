import {
  type AnyNodeType,
  type CredentialKind,
  ERROR_HANDLE,
  type GraphDefinition,
  type GraphEdge,
  type GraphNode,
  type HandleSpec,
  InvalidInputError,
  outputsOf,
} from '@baton/engine';
import { SEED_NODE_ALIASES, type SeedNodeAlias } from './seed-node-aliases.js';

/** A workflow as the seed design writes it ("Workflow Structure"). */
export interface SeedWorkflowDocument {
  id?: unknown;
  name?: unknown;
  description?: unknown;
  nodes: unknown[];
  edges?: unknown[];
  cron?: unknown;
  status?: unknown;
}

export interface SeedWorkflowImport {
  name: string;
  description: string;
  /** The seed's `status`, when it is one Baton knows. */
  status?: 'draft' | 'active' | 'paused';
  /** The seed's `cron`: the import makes it a cron trigger (UTC, as the seed's scheduler ran). */
  cron?: string;
  definition: GraphDefinition;
  /** What the mapping changed or dropped, one sentence each naming the field. */
  notes: string[];
}

export interface SeedMappingContext {
  /** The Baton node type an id names (the registry), to map settings and handles exactly. */
  findNodeType: (type: string) => AnyNodeType | undefined;
  /** Credentials to give nodes that need one of these kinds and name none. */
  credentials?: Partial<Record<CredentialKind, string>>;
}

const STATUSES = new Set(['draft', 'active', 'paused']);

/**
 * Maps a seed-format workflow onto a Baton graph: seed node types, input names and handle names
 * through SEED_NODE_ALIASES, `cron` and `status` lifted out for the caller to apply. Node types
 * that are already Baton ids pass unchanged; what cannot be mapped is left for validation to
 * report. Pure: no I/O.
 */
export function mapSeedWorkflow(document: SeedWorkflowDocument, context: SeedMappingContext): SeedWorkflowImport {
  const notes: string[] = [];
  const nodes = document.nodes.map((raw, i) => mapNode(raw, i, context, notes));
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const edges: GraphEdge[] = [];
  (document.edges ?? []).forEach((raw, i) => {
    const edge = mapEdge(raw, i, byId, context, notes);
    if (edge) edges.push(edge);
  });
  if (document.id !== undefined) notes.push('id: Baton gives the imported workflow an id of its own');
  const status = typeof document.status === 'string' ? document.status.toLowerCase() : undefined;
  if (status !== undefined && !STATUSES.has(status))
    notes.push(`status: "${String(document.status)}" is not draft, active or paused; the workflow is a draft`);
  const cron = typeof document.cron === 'string' && document.cron.trim() ? document.cron.trim() : undefined;
  return {
    name: typeof document.name === 'string' && document.name.trim() ? document.name.trim() : 'Imported workflow',
    description: typeof document.description === 'string' ? document.description : '',
    ...(status && STATUSES.has(status) ? { status: status as SeedWorkflowImport['status'] } : {}),
    ...(cron ? { cron } : {}),
    definition: { nodes, edges },
    notes,
  };
}

function mapNode(raw: unknown, i: number, context: SeedMappingContext, notes: string[]): GraphNode {
  const node = asRecord(raw);
  if (!node || typeof node['id'] !== 'string' || !node['id'])
    throw new InvalidInputError(`nodes[${i}].id must be a non-empty string`, 'INVALID_SEED_WORKFLOW');
  if (typeof node['type'] !== 'string' || !node['type'])
    throw new InvalidInputError(`nodes[${i}].type must be a non-empty string`, 'INVALID_SEED_WORKFLOW');
  const alias = ownValue(SEED_NODE_ALIASES, node['type']);
  const type = alias?.type ?? node['type'];
  const nodeType = context.findNodeType(type);
  const data = asRecord(node['data']);
  const rawInputs = asRecord(data?.['inputs']) ?? {};
  const inputs = alias ? mapInputs(rawInputs, alias, nodeType, `nodes[${i}]`, notes) : { ...rawInputs };
  for (const [key, fallback] of Object.entries(alias?.defaults ?? {})) {
    if (inputs[key] !== undefined) continue;
    inputs[key] = fallback.value;
    notes.push(`nodes[${i}] (${node['type']}) ${fallback.note}`);
  }
  const kinds = nodeType?.credentialKinds ?? [];
  const credential = kinds.map((kind) => context.credentials?.[kind]).find(Boolean);
  if (kinds.length && inputs['credentialId'] === undefined && credential) inputs['credentialId'] = credential;
  const position = asRecord(node['position']);
  return {
    id: node['id'],
    type,
    position: { x: Number(position?.['x']) || 0, y: Number(position?.['y']) || 0 },
    data: { inputs, ...(typeof data?.['label'] === 'string' ? { label: data['label'] } : {}) },
  };
}

function mapInputs(
  raw: Record<string, unknown>,
  alias: SeedNodeAlias,
  nodeType: AnyNodeType | undefined,
  path: string,
  notes: string[],
): Record<string, unknown> {
  const known = new Set(Object.keys(nodeType?.settingsSchema.properties ?? {}));
  const inputs: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(raw)) {
    const key = ownValue(alias.inputs, name) ?? (known.has(name) ? name : undefined);
    if (!key) {
      notes.push(`${path}.data.inputs["${name}"]: ${alias.type} has no such setting; dropped`);
      continue;
    }
    inputs[key] = key === 'schema' ? parseJsonText(value, `${path}.data.inputs["${name}"]`) : value;
  }
  return inputs;
}

function mapEdge(
  raw: unknown,
  i: number,
  nodes: Map<string, GraphNode>,
  context: SeedMappingContext,
  notes: string[],
): GraphEdge | null {
  const edge = asRecord(raw);
  if (!edge || typeof edge['source'] !== 'string' || typeof edge['target'] !== 'string')
    throw new InvalidInputError(`edges[${i}] needs a string source and target`, 'INVALID_SEED_WORKFLOW');
  const source = nodes.get(edge['source']);
  const target = nodes.get(edge['target']);
  // The seed's own example connects to a node it does not list: such an edge carries nothing.
  if (!source || !target) {
    const missing = source ? edge['target'] : edge['source'];
    notes.push(`edges[${i}]: connects to node "${missing}", which the workflow does not have; dropped`);
    return null;
  }
  const sourceType = context.findNodeType(source.type);
  const targetType = context.findNodeType(target.type);
  const seedSource = seedTypeOf(source, sourceType);
  const seedTarget = seedTypeOf(target, targetType);
  const targetHandle = pickHandle(
    edge['targetHandle'],
    seedTarget?.inputHandles,
    targetType?.inputs ?? [],
    `edges[${i}].targetHandle`,
    notes,
  );
  let sourceHandle = pickHandle(
    edge['sourceHandle'],
    seedSource?.outputHandles,
    sourceType ? outputsOf(sourceType, source.data.inputs).filter((h) => h.name !== ERROR_HANDLE) : [],
    `edges[${i}].sourceHandle`,
    notes,
  );
  // The seed passed its page to every step; a data node reads the page's data output instead.
  const targetSpec = targetType?.inputs.find((h) => h.name === targetHandle);
  const dataOutput = sourceType?.outputs.find((h) => h.dataType !== 'page');
  if (sourceHandle === 'page' && targetSpec && targetSpec.dataType !== 'page' && dataOutput) {
    notes.push(`edges[${i}].sourceHandle: "${String(edge['sourceHandle'])}" feeds data, so it is "${dataOutput.name}"`);
    sourceHandle = dataOutput.name;
  }
  return {
    id: typeof edge['id'] === 'string' && edge['id'] ? edge['id'] : `edge-${i + 1}`,
    source: source.id,
    target: target.id,
    sourceHandle,
    targetHandle,
  };
}

/** The alias a mapped node came from (found again by its Baton type). */
function seedTypeOf(node: GraphNode, nodeType: AnyNodeType | undefined): SeedNodeAlias | undefined {
  return Object.values(SEED_NODE_ALIASES).find((alias) => alias.type === (nodeType?.type ?? node.type));
}

/** A handle by its seed name, its Baton name, or the node's only handle; otherwise left for validation. */
function pickHandle(
  raw: unknown,
  aliases: Record<string, string> | undefined,
  handles: HandleSpec[],
  path: string,
  notes: string[],
): string | null {
  const name = typeof raw === 'string' && raw ? raw : null;
  const aliased = name && aliases ? ownValue(aliases, name) : undefined;
  if (aliased) return aliased;
  if (name && handles.some((h) => h.name === name)) return name;
  if (handles.length === 1) {
    if (name) notes.push(`${path}: "${name}" is the node's only handle "${handles[0].name}"`);
    return handles[0].name;
  }
  return name;
}

/** A table entry by a caller's name: never an inherited property (`constructor`, `__proto__`). */
function ownValue<T>(table: Readonly<Record<string, T>>, name: string): T | undefined {
  return Object.hasOwn(table, name) ? table[name] : undefined;
}

function parseJsonText(value: unknown, path: string): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    throw new InvalidInputError(`${path} is not valid JSON`, 'INVALID_SEED_WORKFLOW');
  }
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}
