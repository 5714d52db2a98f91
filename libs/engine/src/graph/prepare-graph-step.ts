import { DEFAULT_INPUT_HANDLE, ERROR_HANDLE, sourceHandleOf, targetHandleOf } from '../definition/graph-definition.js';
import type { GraphIndex } from '../definition/index-graph.js';
import type { PreparedStep } from '../engine/workflow-interpreter.js';
import { classifyError } from '../errors/classify-error.js';
import { type EngineError, InvalidInputError } from '../errors/engine.error.js';
import type { ExecutionRecord, ExecutionSnapshot, StepRecord } from '../execution/execution-record.js';
import { resolveRetryPolicy } from '../execution/retry-policy.js';
import { nodeIdOf, parseIterationScope, scopeOf } from '../execution/step-id.js';
import { resolveSettings } from '../expressions/resolve-settings.js';
import { outputsOf } from '../nodes/node-type.js';
import { mergeModeOf } from './find-step-readiness.js';
import { loopStateOf } from './loop-state.js';
import { deliveredValues, resolveEdge } from './resolve-edge.js';
import { tableOf } from './graph-step-tables.js';
import type { StepTable } from './step-table.js';

/**
 * Gathers a step's input from the edges into it and evaluates its settings. Expressions see the
 * node's input as the document and `$execution` ({ id, input }), `$nodes` (outputs of settled
 * nodes by id, the current loop iteration's own first), `$item` and `$index` inside a loop body.
 */
export async function prepareGraphStep(
  snapshot: ExecutionSnapshot,
  step: StepRecord,
  index: GraphIndex,
  table: StepTable = tableOf(snapshot, index),
): Promise<PreparedStep> {
  const nodeId = nodeIdOf(step.stepId);
  const scope = scopeOf(step.stepId);
  const node = index.nodes.get(nodeId);
  const nodeType = index.nodeTypes.get(nodeId);
  if (!node || !nodeType) throw new InvalidInputError(`Node "${nodeId}" has no known type`, 'UNKNOWN_NODE_TYPE');
  const edges = index.incoming.get(nodeId) ?? [];
  const handles: Record<string, unknown> = {};
  for (const spec of nodeType.inputs) {
    const values = deliveredValues(
      edges.filter((edge) => targetHandleOf(edge) === spec.name).map((edge) => resolveEdge(edge, scope, table, index)),
    );
    if (!values.length) continue;
    handles[spec.name] = spec.multiple ? values : values[0];
  }
  let data: unknown =
    edges.length === 0 && scope === '' ? snapshot.execution.input : (handles[DEFAULT_INPUT_HANDLE] ?? null);
  if (nodeType.kind === 'merge' && mergeModeOf(index, nodeId) === 'first' && Array.isArray(data))
    data = data[0] ?? null;
  let settings: Record<string, unknown> = {};
  let inputError: EngineError | null = null;
  const bindings = bindingsFor(snapshot.execution, table, scope);
  try {
    settings = await resolveSettings(node.data.inputs ?? {}, nodeType.settingsSchema, data, bindings);
  } catch (error) {
    inputError = classifyError(error);
  }
  const hasErrorEdge = (index.outgoing.get(nodeId) ?? []).some((edge) => sourceHandleOf(edge) === ERROR_HANDLE);
  return {
    nodeType,
    input: { data, handles, settings, bindings },
    timeoutMs: node.data.timeoutMs ?? nodeType.timeoutMs ?? null,
    retry: resolveRetryPolicy(nodeType.retryDefaults, node.data.retry),
    onError: node.data.onError ?? (hasErrorEdge ? 'error-handle' : 'fail'),
    defaultHandles: outputsOf(nodeType, settings)
      .map((h) => h.name)
      .filter((name) => name !== ERROR_HANDLE),
    inputError,
  };
}

function bindingsFor(execution: ExecutionRecord, table: StepTable, scope: string): Record<string, unknown> {
  const nodes: Record<string, unknown> = {};
  // Outer scopes first so the current iteration's outputs win over same-named outer ones. Only
  // the scopes enclosing this step are read, not every step of the execution.
  for (const visible of scopeChainOf(scope)) {
    for (const step of table.settledIn(visible)) nodes[step.nodeId] = step.output;
  }
  const bindings: Record<string, unknown> = {
    execution: { id: execution.id, input: execution.input },
    nodes,
  };
  const iteration = parseIterationScope(scope);
  const loop = iteration && loopStateOf(table.get(iteration.loopStepId));
  if (iteration && loop) {
    bindings.item = loop.items[iteration.index];
    bindings.index = iteration.index;
  }
  return bindings;
}

/** A scope and the scopes enclosing it, outermost first: '', `a[1].`, `a[1].b[0].` … */
function scopeChainOf(scope: string): string[] {
  const chain = [''];
  for (let end = scope.indexOf('].'); end >= 0; end = scope.indexOf('].', end + 2)) chain.push(scope.slice(0, end + 2));
  return chain;
}
