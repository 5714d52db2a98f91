import type { RetryPolicyInput } from '../execution/retry-policy.js';

/** Canvas position of a node; the engine ignores it, the admin editor needs it. */
export interface NodePosition {
  x: number;
  y: number;
}

/** What a step does when its last attempt fails. */
export type NodeErrorMode = 'fail' | 'continue' | 'error-handle';

/** Per-node configuration. Settings live in `inputs`; engine policies sit beside them. */
export interface GraphNodeData {
  /** Settings of the node type; string values may hold `{{ jsonata }}` expressions. */
  inputs?: Record<string, unknown>;
  label?: string;
  retry?: RetryPolicyInput;
  timeoutMs?: number;
  /** Defaults to `error-handle` when an edge leaves the `error` handle, else `fail`. */
  onError?: NodeErrorMode;
}

export interface GraphNode {
  id: string;
  /** Node type id, optionally versioned: `http.request` or `http.request@1`. */
  type: string;
  position?: NodePosition;
  data: GraphNodeData;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  /** Defaults to `out`. */
  sourceHandle?: string | null;
  /** Defaults to `in`. */
  targetHandle?: string | null;
}

export interface GraphSettings {
  /** Workflow-level timeout: the execution fails with `EXECUTION_TIMEOUT` after it. */
  timeoutMs?: number;
  /** How many steps of one execution may be queued or running at once. */
  maxConcurrency?: number;
  /** `express` or `standard` for immediate runs of this definition (see `ExecutionDurability`). */
  durability?: 'express' | 'standard';
}

/** The `definition` of a workflow whose `format` is `graph`. */
export interface GraphDefinition {
  nodes: GraphNode[];
  edges: GraphEdge[];
  settings?: GraphSettings;
}

export const DEFAULT_INPUT_HANDLE = 'in';
export const DEFAULT_OUTPUT_HANDLE = 'out';
export const ERROR_HANDLE = 'error';

export function sourceHandleOf(edge: GraphEdge): string {
  return edge.sourceHandle || DEFAULT_OUTPUT_HANDLE;
}

export function targetHandleOf(edge: GraphEdge): string {
  return edge.targetHandle || DEFAULT_INPUT_HANDLE;
}
