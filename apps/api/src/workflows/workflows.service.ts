import { Injectable } from '@nestjs/common';
import {
  InvalidCursorError,
  WorkflowRepository,
  type WorkflowRecord,
  type WorkflowVersionRecord,
} from '@baton/persistence';
import type { Principal } from '../auth/principal';
import { notFound, validationFailed } from '../common/domain.error';
import { DefinitionValidator } from './definition-validator.service';
import type { CreateWorkflowDto } from './dto/create-workflow.dto';
import type { ListWorkflowsQueryDto } from './dto/list-workflows.query.dto';
import type { UpdateWorkflowDto } from './dto/update-workflow.dto';

@Injectable()
export class WorkflowsService {
  constructor(
    private readonly workflows: WorkflowRepository,
    private readonly definitions: DefinitionValidator,
  ) {}

  async create(principal: Principal, dto: CreateWorkflowDto): Promise<WorkflowRecord> {
    await this.definitions.assertValidInWorkspace(principal.workspaceId, dto.format, dto.definition);
    return this.workflows.createWithFirstVersion({
      workspaceId: principal.workspaceId,
      name: dto.name,
      description: dto.description ?? '',
      format: dto.format,
      status: dto.status ?? 'draft',
      tags: uniqueTags(dto.tags),
      definition: dto.definition,
      createdBy: principal.userId,
      settings: dto.settings,
    });
  }

  async list(principal: Principal, query: ListWorkflowsQueryDto) {
    try {
      return await this.workflows.listPage({ workspaceId: principal.workspaceId, ...query, limit: query.limit ?? 20 });
    } catch (error) {
      if (error instanceof InvalidCursorError) throw validationFailed(`cursor: ${error.message}`);
      throw error;
    }
  }

  async get(principal: Principal, id: string): Promise<WorkflowRecord> {
    const workflow = await this.workflows.findInWorkspace(principal.workspaceId, id);
    // Another workspace's workflow is reported exactly like a missing one: ids leak nothing.
    if (!workflow) throw notFound('Workflow', id);
    return workflow;
  }

  async update(principal: Principal, id: string, dto: UpdateWorkflowDto): Promise<WorkflowRecord> {
    if (dto.format !== undefined || dto.definition !== undefined) {
      const current = dto.format && dto.definition ? null : await this.get(principal, id);
      const format = dto.format ?? (current as WorkflowRecord).format;
      if (dto.definition === undefined && current && format !== current.format) {
        throw validationFailed('definition: changing format requires a definition in the new format');
      }
      await this.definitions.assertValidInWorkspace(
        principal.workspaceId,
        format,
        dto.definition ?? current?.definition,
      );
    }
    const updated = await this.workflows.updateWithNewVersion(
      principal.workspaceId,
      id,
      { ...dto, tags: dto.tags ? uniqueTags(dto.tags) : undefined },
      principal.userId,
    );
    if (!updated) throw notFound('Workflow', id);
    return updated;
  }

  async remove(principal: Principal, id: string): Promise<void> {
    if (!(await this.workflows.deleteInWorkspace(principal.workspaceId, id))) throw notFound('Workflow', id);
  }

  async listVersions(principal: Principal, id: string): Promise<WorkflowVersionRecord[]> {
    await this.get(principal, id);
    return this.workflows.listVersions(principal.workspaceId, id);
  }

  async getVersion(principal: Principal, id: string, version: number): Promise<WorkflowVersionRecord> {
    const found = await this.workflows.findVersion(principal.workspaceId, id, version);
    if (!found) throw notFound('Workflow version', `${id}@${version}`);
    return found;
  }
}

function uniqueTags(tags: string[] | undefined): string[] {
  return [...new Set((tags ?? []).map((t) => t.trim()).filter(Boolean))];
}
