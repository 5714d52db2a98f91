import type { FailureGroupRecord } from '@baton/persistence';
import type { FailureGroupDto } from './failure-group.dto';

export function toFailureGroupDto(group: FailureGroupRecord): FailureGroupDto {
  return {
    workflowId: group.workflowId,
    workflowName: group.workflowName,
    error: group.error,
    count: group.count,
    firstEndedAt: group.firstEndedAt?.toISOString() ?? null,
    lastEndedAt: group.lastEndedAt?.toISOString() ?? null,
    latestExecutionId: group.latestExecutionId,
  };
}
