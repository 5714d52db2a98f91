import type { ExecutionSnapshot } from '@baton/engine';
import type { ExecutionDto } from './dto/execution.response.dto';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toExecutionDto({ execution, steps }: ExecutionSnapshot): ExecutionDto {
  return {
    id: execution.id,
    workflowId: execution.workflowId,
    workflowVersionId: execution.workflowVersionId,
    format: execution.format,
    status: execution.status,
    mode: execution.mode,
    durability: execution.durability,
    trigger: execution.trigger,
    priority: execution.priority,
    tags: execution.tags,
    input: execution.input,
    output: execution.output,
    error: execution.error,
    cause: execution.cause,
    createdAt: execution.createdAt.toISOString(),
    startedAt: iso(execution.startedAt),
    endedAt: iso(execution.endedAt),
    durationMs:
      execution.startedAt && execution.endedAt ? execution.endedAt.getTime() - execution.startedAt.getTime() : null,
    definition: execution.definition,
    parentExecutionId: execution.parentExecutionId ?? null,
    parentStepId: execution.parentStepId ?? null,
    steps: [...steps]
      .sort(
        (a, b) =>
          (a.startedAt?.getTime() ?? Infinity) - (b.startedAt?.getTime() ?? Infinity) ||
          a.stepId.localeCompare(b.stepId),
      )
      .map((s) => ({
        stepId: s.stepId,
        nodeId: s.nodeId,
        status: s.status,
        attempt: s.attempt,
        input: s.input,
        output: s.output,
        error: s.error,
        handles: s.handles,
        startedAt: iso(s.startedAt),
        endedAt: iso(s.endedAt),
        durationMs: s.durationMs,
      })),
  };
}
