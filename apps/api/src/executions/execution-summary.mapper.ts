import type { ExecutionSummaryRecord } from '@baton/persistence';
import type { ExecutionSummaryDto } from './dto/execution-summary.dto';

export function toExecutionSummaryDto(e: ExecutionSummaryRecord): ExecutionSummaryDto {
  return {
    id: e.id,
    workflowId: e.workflowId,
    workflowVersionId: e.workflowVersionId,
    status: e.status,
    mode: e.mode,
    durability: e.durability,
    trigger: e.trigger,
    priority: e.priority,
    tags: e.tags,
    error: e.error,
    cause: e.cause,
    createdAt: e.createdAt.toISOString(),
    startedAt: e.startedAt?.toISOString() ?? null,
    endedAt: e.endedAt?.toISOString() ?? null,
    durationMs: e.startedAt && e.endedAt ? e.endedAt.getTime() - e.startedAt.getTime() : null,
    parentExecutionId: e.parentExecutionId ?? null,
    parentStepId: e.parentStepId ?? null,
  };
}
