import type { WorkflowListItemRecord, WorkflowRecord, WorkflowVersionRecord } from '@baton/persistence';
import type {
  WorkflowDto,
  WorkflowListItemDto,
  WorkflowSummaryDto,
  WorkflowVersionDto,
  WorkflowVersionSummaryDto,
} from './dto/workflow.response.dto';

export function toWorkflowSummaryDto(w: WorkflowRecord): WorkflowSummaryDto {
  return {
    id: w.id,
    name: w.name,
    description: w.description,
    format: w.format,
    status: w.status,
    tags: w.tags,
    currentVersion: w.currentVersion,
    settings: { ...w.settings },
    createdAt: w.createdAt.toISOString(),
    updatedAt: w.updatedAt.toISOString(),
  };
}

export function toWorkflowListItemDto(w: WorkflowListItemRecord): WorkflowListItemDto {
  const last = w.lastExecution;
  return {
    ...toWorkflowSummaryDto(w),
    lastExecution: last ? { id: last.id, status: last.status, createdAt: last.createdAt.toISOString() } : null,
    nextRunAt: w.nextRunAt ? w.nextRunAt.toISOString() : null,
  };
}

export function toWorkflowDto(w: WorkflowRecord): WorkflowDto {
  return { ...toWorkflowSummaryDto(w), definition: w.definition };
}

export function toVersionSummaryDto(v: WorkflowVersionRecord): WorkflowVersionSummaryDto {
  return {
    version: v.version,
    name: v.name,
    format: v.format,
    createdBy: v.createdBy,
    createdAt: v.createdAt.toISOString(),
  };
}

export function toVersionDto(v: WorkflowVersionRecord): WorkflowVersionDto {
  return { ...toVersionSummaryDto(v), workflowId: v.workflowId, definition: v.definition };
}
