import type { ExecutionMode } from '../execution/execution-record.js';
import type { NodeRegistry } from '../nodes/node-registry.js';
import type { GraphDefinition } from './graph-definition.js';
import { indexGraph } from './index-graph.js';
import { planPhases } from './plan-phases.js';

export interface ComplexityReport {
  nodeCount: number;
  estimatedDurationMs: number;
  hasLoopsAroundExternalCalls: boolean;
  waitsForPeople: boolean;
  recommendedMode: ExecutionMode;
}

// Thresholds from the product spec: beyond these an HTTP request should not wait for the run.
export const IMMEDIATE_MAX_NODES = 10;
export const IMMEDIATE_MAX_DURATION_MS = 30_000;
// Item counts are unknown before a run; assume a modest list.
const ASSUMED_LOOP_ITEMS = 10;
const DEFAULT_NODE_ESTIMATE_MS = 5;

/** Picks `immediate` or `queued` for `auto` mode from the definition alone. */
export function analyzeComplexity(definition: GraphDefinition, registry: NodeRegistry): ComplexityReport {
  const index = indexGraph(definition, registry);
  const estimateOf = (nodeId: string): number => {
    const nodeType = index.nodeTypes.get(nodeId);
    const inputs = index.nodes.get(nodeId)?.data.inputs ?? {};
    const delay = nodeType?.startDelayMs?.(inputs) ?? 0;
    const own =
      (Number.isFinite(delay) ? delay : 0) + (nodeType?.traits?.estimatedDurationMs ?? DEFAULT_NODE_ESTIMATE_MS);
    const nested = index.enclosingLoops.get(nodeId) ?? [];
    // Each enclosing loop multiplies by the rounds it needs at its concurrency.
    return nested.reduce((total, loopId) => {
      const concurrency = Number(index.nodes.get(loopId)?.data.inputs?.concurrency) || 1;
      return total * Math.ceil(ASSUMED_LOOP_ITEMS / concurrency);
    }, own);
  };
  // Longest path through the phases: a node finishes after its slowest predecessor.
  const finish = new Map<string, number>();
  for (const phase of planPhases(definition, registry)) {
    for (const nodeId of phase) {
      const start = Math.max(0, ...(index.incoming.get(nodeId) ?? []).map((edge) => finish.get(edge.source) ?? 0));
      finish.set(nodeId, start + estimateOf(nodeId));
    }
  }
  const estimatedDurationMs = Math.max(0, ...finish.values());
  const hasLoopsAroundExternalCalls = definition.nodes.some(
    (node) =>
      index.nodeTypes.get(node.id)?.traits?.callsExternal && (index.enclosingLoops.get(node.id) ?? []).length > 0,
  );
  const waitsForPeople = definition.nodes.some((node) => index.nodeTypes.get(node.id)?.traits?.waitsForPeople);
  const queued =
    definition.nodes.length > IMMEDIATE_MAX_NODES ||
    estimatedDurationMs > IMMEDIATE_MAX_DURATION_MS ||
    hasLoopsAroundExternalCalls ||
    waitsForPeople;
  return {
    nodeCount: definition.nodes.length,
    estimatedDurationMs,
    hasLoopsAroundExternalCalls,
    waitsForPeople,
    recommendedMode: queued ? 'queued' : 'immediate',
  };
}
