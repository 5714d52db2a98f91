// Short names for the generated wire types the features share. The types themselves come from the
// OpenAPI document (api/generated, rebuilt by `admin:generate-api-client`), so they cannot drift.
import type { ExecutionDto } from '../api/generated/models/execution-dto';
import type { MeDto } from '../api/generated/models/me-dto';
import type { WorkflowDto } from '../api/generated/models/workflow-dto';

export type WorkspaceRole = MeDto['role'];
export type WorkflowFormat = WorkflowDto['format'];
export type WorkflowStatus = WorkflowDto['status'];
export type ExecutionStatus = ExecutionDto['status'];
export type StepStatus = ExecutionDto['steps'][number]['status'];
