import type { GraphIndex } from '../definition/index-graph.js';
import type { StepRecord } from '../execution/execution-record.js';
import { nodeIdOf, scopeOf } from '../execution/step-id.js';
import { resolveEdge } from './resolve-edge.js';
import type { StepTable } from './step-table.js';

export type Readiness = 'wait' | 'ready' | 'skip';

/** `first` when a merge node is set to go on with the first branch that arrives. */
export function mergeModeOf(index: GraphIndex, nodeId: string): 'all' | 'first' {
  return index.nodes.get(nodeId)?.data.inputs?.mode === 'first' ? 'first' : 'all';
}

/**
 * Whether a pending step can run. A plain node needs every incoming edge delivered and is
 * skipped as soon as one is skipped (skips propagate). A merge stops the propagation: it runs
 * with whatever arrived and is skipped only when every branch was skipped.
 */
export function findStepReadiness(step: StepRecord, table: StepTable, index: GraphIndex): Readiness {
  const nodeId = nodeIdOf(step.stepId);
  const edges = index.incoming.get(nodeId) ?? [];
  if (!edges.length) return 'ready';
  const states = edges.map((edge) => resolveEdge(edge, scopeOf(step.stepId), table, index));
  const pending = states.some((s) => s.kind === 'pending');
  const delivered = states.some((s) => s.kind === 'delivered');
  const skipped = states.some((s) => s.kind === 'skipped');
  if (index.nodeTypes.get(nodeId)?.kind === 'merge') {
    if (mergeModeOf(index, nodeId) === 'first' && delivered) return 'ready';
    if (pending) return 'wait';
    return delivered ? 'ready' : 'skip';
  }
  if (skipped) return 'skip';
  return pending ? 'wait' : 'ready';
}
