import { sourceHandleOf, type GraphEdge } from '../definition/graph-definition.js';
import { type GraphIndex, LOOP_ITEM_HANDLE } from '../definition/index-graph.js';
import { isStepSettled } from '../execution/execution-status.js';
import { parseIterationScope, truncateScope } from '../execution/step-id.js';
import { loopStateOf } from './loop-state.js';
import type { StepTable } from './step-table.js';

export type EdgeState = { kind: 'pending' } | { kind: 'skipped' } | { kind: 'delivered'; value: unknown };

const PENDING: EdgeState = { kind: 'pending' };
const SKIPPED: EdgeState = { kind: 'skipped' };

/**
 * What an edge carries into a step living in `scope`. The source step is looked up in the
 * scope of the source node's own loop depth, so a body node can read from nodes before its loop.
 */
export function resolveEdge(edge: GraphEdge, scope: string, table: StepTable, index: GraphIndex): EdgeState {
  const handle = sourceHandleOf(edge);
  const depth = index.enclosingLoops.get(edge.source)?.length ?? 0;
  if (index.nodeTypes.get(edge.source)?.kind === 'loop' && handle === LOOP_ITEM_HANDLE) {
    // The loop's `item` handle feeds its body: the value is this iteration's item.
    const iteration = parseIterationScope(truncateScope(scope, depth + 1));
    const state = iteration && loopStateOf(table.get(iteration.loopStepId));
    return state ? { kind: 'delivered', value: state.items[iteration.index] ?? null } : PENDING;
  }
  const source = table.get(truncateScope(scope, depth) + edge.source);
  if (!source) return PENDING;
  if (source.status === 'cancelled') return SKIPPED;
  if (!isStepSettled(source)) return PENDING;
  return source.handles!.includes(handle) ? { kind: 'delivered', value: source.output } : SKIPPED;
}

export function deliveredValues(states: EdgeState[]): unknown[] {
  return states.flatMap((state) => (state.kind === 'delivered' ? [state.value] : []));
}
