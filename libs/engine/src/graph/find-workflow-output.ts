import { sourceHandleOf, type GraphEdge } from '../definition/graph-definition.js';
import { type GraphIndex, LOOP_ITEM_HANDLE } from '../definition/index-graph.js';
import type { StepRecord } from '../execution/execution-record.js';
import { isStepSettled } from '../execution/execution-status.js';

/**
 * The workflow's output: the output of its single terminal node (no outgoing edges) that ran,
 * or an object keyed by node id when several terminal nodes ran; null when none ran.
 */
export function findWorkflowOutput(index: GraphIndex, stepOf: (stepId: string) => StepRecord | undefined): unknown {
  const ran = index.definition.nodes
    // A loop whose `done` is unconnected is terminal: its `item` edges lead into its own body.
    .filter((node) => !(index.outgoing.get(node.id) ?? []).some((edge) => !isLoopItemEdge(edge, index)))
    .filter((node) => (index.enclosingLoops.get(node.id) ?? []).length === 0)
    .map((node) => stepOf(node.id))
    .filter((step): step is StepRecord => !!step && step.status !== 'skipped' && isStepSettled(step));
  if (ran.length === 0) return null;
  if (ran.length === 1) return ran[0].output;
  return Object.fromEntries(ran.map((step) => [step.stepId, step.output]));
}

function isLoopItemEdge(edge: GraphEdge, index: GraphIndex): boolean {
  return index.nodeTypes.get(edge.source)?.kind === 'loop' && sourceHandleOf(edge) === LOOP_ITEM_HANDLE;
}
