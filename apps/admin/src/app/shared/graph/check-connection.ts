import type { NodeHandleDto } from '../../api/generated/models/node-handle-dto';
import type { NodeTypeDto } from '../../api/generated/models/node-type-dto';
import { ERROR_HANDLE, type GraphDefinition } from './graph-definition';

export type ConnectionCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export interface ConnectionRequest {
  readonly sourceNodeId: string;
  readonly sourceHandle: string;
  readonly targetNodeId: string;
  readonly targetHandle: string;
}

/**
 * The editor's connection rule, the same one the engine's validator applies on save and run
 * (libs/engine handle-types-connect): `any` matches everything but `page` (a live browser page,
 * which connects only to `page`), otherwise the data types must be equal. Refusing here gives the
 * feedback while the user drags, not after saving.
 */
export function checkConnection(
  graph: GraphDefinition,
  typeOf: (nodeId: string) => NodeTypeDto | undefined,
  request: ConnectionRequest,
): ConnectionCheck {
  if (request.sourceNodeId === request.targetNodeId) return refuse('A node cannot be connected to itself.');
  const source = findOutput(typeOf(request.sourceNodeId), request.sourceHandle);
  const target = typeOf(request.targetNodeId)?.inputs.find((handle) => handle.name === request.targetHandle);
  if (!source || !target) return refuse('That handle does not exist on this node type.');
  if (!handleTypesConnect(source.dataType, target.dataType)) {
    return refuse(
      `Types do not match: "${request.sourceHandle}" gives ${source.dataType}, "${request.targetHandle}" takes ${target.dataType}.`,
    );
  }
  const duplicate = graph.edges.some(
    (edge) =>
      edge.source === request.sourceNodeId &&
      edge.sourceHandle === request.sourceHandle &&
      edge.target === request.targetNodeId &&
      edge.targetHandle === request.targetHandle,
  );
  if (duplicate) return refuse('These handles are already connected.');
  if (
    !target.multiple &&
    graph.edges.some((edge) => edge.target === request.targetNodeId && edge.targetHandle === request.targetHandle)
  ) {
    return refuse(`"${request.targetHandle}" takes one connection; remove the existing one first.`);
  }
  return { ok: true };
}

function findOutput(type: NodeTypeDto | undefined, handle: string): Pick<NodeHandleDto, 'dataType'> | undefined {
  if (!type) return undefined;
  if (handle === ERROR_HANDLE) return { dataType: 'object' };
  // Dynamic outputs (switch cases) come from settings; the engine checks them on save.
  return (
    type.outputs.find((output) => output.name === handle) ?? (type.dynamicOutputs ? { dataType: 'any' } : undefined)
  );
}

function handleTypesConnect(source: string, target: string): boolean {
  if (source === 'page' || target === 'page') return source === target;
  return source === 'any' || target === 'any' || source === target;
}

function refuse(reason: string): ConnectionCheck {
  return { ok: false, reason };
}
