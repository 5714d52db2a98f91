import type { ExecutionDurability, ExecutionMode, ExecutionRecord } from '../execution/execution-record.js';
import type { StartExecutionRequest } from './start-execution-request.js';

/** The pending execution a start creates, before anything about it is stored. */
export function newExecutionRecord(
  request: StartExecutionRequest,
  chosen: {
    id: string;
    format: string;
    definition: unknown;
    mode: ExecutionMode;
    durability: ExecutionDurability;
    timeoutMs: number | null;
  },
  now: Date,
): ExecutionRecord {
  return {
    id: chosen.id,
    workspaceId: request.workspaceId ?? '',
    trigger: request.trigger ?? 'manual',
    priority: request.priority ?? 0,
    tags: request.tags ?? [],
    workflowId: request.workflowId ?? null,
    workflowVersionId: request.workflowVersionId ?? null,
    format: chosen.format,
    // A frozen copy: later edits of the workflow never change a run in flight.
    definition: chosen.definition,
    input: request.input ?? null,
    output: null,
    status: 'pending',
    mode: chosen.mode,
    durability: chosen.durability,
    error: null,
    cause: null,
    createdAt: now,
    startedAt: null,
    endedAt: null,
    // Counted from creation until the run starts; the start re-bases it (the timeout covers the run, not the wait).
    deadlineAt: chosen.timeoutMs ? new Date(now.getTime() + chosen.timeoutMs) : null,
    redriveCount: 0,
    ...(request.parent ? { parentExecutionId: request.parent.executionId, parentStepId: request.parent.stepId } : {}),
  };
}
