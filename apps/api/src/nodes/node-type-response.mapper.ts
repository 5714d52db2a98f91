import type { AnyNodeType, HandleSpec } from '@baton/engine';
import type { NodeHandleDto, NodeTypeDto } from './node-type.response.dto';

/** The catalogue entry of one node type: what the editor needs to draw, connect and configure it. */
export function toNodeTypeDto(nodeType: AnyNodeType): NodeTypeDto {
  return {
    type: nodeType.type,
    version: nodeType.version,
    title: nodeType.title,
    group: nodeType.group,
    description: nodeType.description,
    inputs: nodeType.inputs.map(toHandleDto),
    outputs: nodeType.outputs.map(toHandleDto),
    settingsSchema: { ...nodeType.settingsSchema },
    canStart: nodeType.canStart,
    kind: nodeType.kind ?? 'task',
    dynamicOutputs: typeof nodeType.resolveOutputs === 'function',
    replaySafe: nodeType.replaySafe,
    ...(nodeType.timeoutMs !== undefined ? { timeoutMs: nodeType.timeoutMs } : {}),
    ...(nodeType.credentialKinds ? { credentialKinds: [...nodeType.credentialKinds] } : {}),
    ...(nodeType.outputSchema ? { outputSchema: { ...nodeType.outputSchema } } : {}),
  };
}

function toHandleDto(handle: HandleSpec): NodeHandleDto {
  return {
    name: handle.name,
    dataType: handle.dataType,
    required: handle.required ?? false,
    multiple: handle.multiple ?? false,
    ...(handle.description ? { description: handle.description } : {}),
  };
}
