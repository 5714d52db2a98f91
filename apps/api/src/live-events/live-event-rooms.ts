import type { LiveEvent } from './live-event';

/** What a subscriber asked for. Every room name starts with the workspace, so rooms never cross tenants. */
export type LiveEventTopic =
  { kind: 'workspace' } | { kind: 'workflow'; workflowId: string } | { kind: 'execution'; executionId: string };

export function roomOf(workspaceId: string, topic: LiveEventTopic): string {
  switch (topic.kind) {
    case 'workspace':
      return `workspace:${workspaceId}`;
    case 'workflow':
      return `workspace:${workspaceId}:workflow:${topic.workflowId}`;
    case 'execution':
      return `workspace:${workspaceId}:execution:${topic.executionId}`;
  }
}

/** Every room whose members receive `event`. */
export function roomsOf(event: LiveEvent): string[] {
  const rooms = [
    roomOf(event.workspaceId, { kind: 'workspace' }),
    roomOf(event.workspaceId, { kind: 'execution', executionId: event.executionId }),
  ];
  if (event.workflowId) rooms.push(roomOf(event.workspaceId, { kind: 'workflow', workflowId: event.workflowId }));
  return rooms;
}
