import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { WorkflowEntity, WorkflowVersionEntity } from '../entities';
import { decodePageCursor, encodePageCursor } from './page-cursor';
import type {
  NewWorkflow,
  WorkflowChanges,
  WorkflowListFilter,
  WorkflowListItemRecord,
  WorkflowPage,
  WorkflowRecord,
  WorkflowVersionRecord,
} from './workflow.records';

export class InvalidCursorError extends Error {
  readonly code = 'INVALID_CURSOR';
}

/**
 * Workflows and their immutable versions. Every write of a definition inserts a version row;
 * version rows are never updated. Every query is scoped by workspace id.
 */
export class WorkflowRepository {
  constructor(private readonly dataSource: DataSource) {}

  async createWithFirstVersion(input: NewWorkflow): Promise<WorkflowRecord> {
    return this.dataSource.transaction(async (tx) => {
      const workflow = tx.create(WorkflowEntity, {
        id: randomUUID(),
        workspaceId: input.workspaceId,
        name: input.name,
        description: input.description,
        format: input.format,
        status: input.status,
        tags: input.tags,
        currentVersion: 1,
        createdBy: input.createdBy,
        maxConcurrentExecutions: input.settings?.maxConcurrentExecutions ?? null,
        maxStartsPerMinute: input.settings?.maxStartsPerMinute ?? null,
        durability: input.settings?.durability ?? null,
        retentionDays: input.settings?.retentionDays ?? null,
        expectedDurationSeconds: input.settings?.expectedDurationSeconds ?? null,
        onFailure: input.settings?.onFailure ?? null,
      });
      await tx.insert(WorkflowEntity, workflow);
      const version = await this.insertVersion(tx, workflow, input.definition, input.createdBy);
      const saved = await tx.findOneByOrFail(WorkflowEntity, { id: workflow.id });
      return toRecord(saved, version.definition);
    });
  }

  async findInWorkspace(workspaceId: string, id: string): Promise<WorkflowRecord | null> {
    const row = await this.dataSource
      .createQueryBuilder(WorkflowEntity, 'w')
      .innerJoin(WorkflowVersionEntity, 'v', 'v.workflow_id = w.id AND v.version = w.current_version')
      .addSelect('v.definition', 'v_definition')
      .where('w.id = :id AND w.workspace_id = :workspaceId', { id, workspaceId })
      .getRawAndEntities();
    const entity = row.entities[0];
    return entity ? toRecord(entity, row.raw[0].v_definition) : null;
  }

  async listPage(filter: WorkflowListFilter): Promise<WorkflowPage> {
    const query = this.dataSource
      .createQueryBuilder(WorkflowEntity, 'w')
      .innerJoin(WorkflowVersionEntity, 'v', 'v.workflow_id = w.id AND v.version = w.current_version')
      .addSelect('v.definition', 'v_definition')
      // Microsecond text, not a JS Date (ms): the cursor must compare equal to the stored value.
      .addSelect(`to_char(w.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`, 'cursor_at')
      // Last run and next run in the same statement (no query per row). Each subselect is one
      // index probe: executions_workflow_idx (workflow_id, created_at DESC), triggers_workflow_idx.
      .addSelect(
        `(SELECT json_build_object('id', e.id, 'status', e.status, 'createdAt', e.created_at)
            FROM executions e WHERE e.workflow_id = w.id ORDER BY e.created_at DESC, e.id DESC LIMIT 1)`,
        'last_execution',
      )
      // Only an active workflow's triggers fire, so a paused or draft one has no next run.
      .addSelect(
        `CASE WHEN w.status = 'active' THEN
           (SELECT min(t.next_run_at) FROM triggers t WHERE t.workflow_id = w.id AND t.enabled) END`,
        'next_run_at',
      )
      .where('w.workspace_id = :workspaceId', { workspaceId: filter.workspaceId })
      .orderBy('w.created_at', 'DESC')
      .addOrderBy('w.id', 'DESC')
      .limit(filter.limit + 1);
    if (filter.status) query.andWhere('w.status = :status', { status: filter.status });
    if (filter.tag) query.andWhere(':tag = ANY(w.tags)', { tag: filter.tag });
    if (filter.search) {
      // Escape LIKE wildcards so a search for "50%" means the text "50%".
      const pattern = `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query.andWhere('w.name ILIKE :pattern', { pattern });
    }
    if (filter.cursor) {
      const cursor = decodePageCursor(filter.cursor);
      if (!cursor) throw new InvalidCursorError('cursor is not a cursor returned by this endpoint');
      query.andWhere('(w.created_at, w.id) < (:cursorAt::timestamptz, :cursorId::uuid)', {
        cursorAt: cursor.createdAt,
        cursorId: cursor.id,
      });
    }
    const { entities, raw } = await query.getRawAndEntities();
    const items = entities.slice(0, filter.limit).map((entity, i) => toListItem(entity, raw[i]));
    const last = items.length - 1;
    const nextCursor =
      entities.length > filter.limit && last >= 0
        ? encodePageCursor({ createdAt: raw[last].cursor_at, id: items[last].id })
        : null;
    return { items, nextCursor };
  }

  /**
   * Applies changes and records a new immutable version. Returns null when the workflow is not
   * in the workspace. The row lock makes concurrent updates number their versions 2, 3, ... without gaps.
   */
  async updateWithNewVersion(
    workspaceId: string,
    id: string,
    changes: WorkflowChanges,
    userId: string | null,
  ): Promise<WorkflowRecord | null> {
    return this.dataSource.transaction(async (tx) => {
      const current = await tx
        .createQueryBuilder(WorkflowEntity, 'w')
        .setLock('pessimistic_write')
        .where('w.id = :id AND w.workspace_id = :workspaceId', { id, workspaceId })
        .getOne();
      if (!current) return null;
      const previous = await tx.findOneByOrFail(WorkflowVersionEntity, {
        workflowId: id,
        version: current.currentVersion,
      });
      const next = { ...current, ...definedOnly(changes), currentVersion: current.currentVersion + 1 };
      await tx.update(
        WorkflowEntity,
        { id },
        {
          name: next.name,
          description: next.description,
          format: next.format,
          status: next.status,
          tags: next.tags,
          currentVersion: next.currentVersion,
          maxConcurrentExecutions: next.maxConcurrentExecutions,
          maxStartsPerMinute: next.maxStartsPerMinute,
          durability: next.durability,
          retentionDays: next.retentionDays,
          expectedDurationSeconds: next.expectedDurationSeconds,
          onFailure: next.onFailure,
          updatedAt: new Date(),
        },
      );
      const definition = changes.definition === undefined ? previous.definition : changes.definition;
      await this.insertVersion(tx, next, definition, userId);
      const saved = await tx.findOneByOrFail(WorkflowEntity, { id });
      return toRecord(saved, definition);
    });
  }

  async deleteInWorkspace(workspaceId: string, id: string): Promise<boolean> {
    const result = await this.dataSource.getRepository(WorkflowEntity).delete({ id, workspaceId });
    return (result.affected ?? 0) > 0;
  }

  async listVersions(workspaceId: string, workflowId: string): Promise<WorkflowVersionRecord[]> {
    const rows = await this.dataSource
      .getRepository(WorkflowVersionEntity)
      .find({ where: { workspaceId, workflowId }, order: { version: 'DESC' } });
    return rows.map(toVersionRecord);
  }

  async findVersion(workspaceId: string, workflowId: string, version: number): Promise<WorkflowVersionRecord | null> {
    const row = await this.dataSource
      .getRepository(WorkflowVersionEntity)
      .findOneBy({ workspaceId, workflowId, version });
    return row ? toVersionRecord(row) : null;
  }

  private async insertVersion(
    tx: EntityManager,
    workflow: Pick<WorkflowEntity, 'id' | 'workspaceId' | 'currentVersion' | 'name' | 'format'>,
    definition: unknown,
    userId: string | null,
  ): Promise<WorkflowVersionEntity> {
    const version = tx.create(WorkflowVersionEntity, {
      id: randomUUID(),
      workflowId: workflow.id,
      workspaceId: workflow.workspaceId,
      version: workflow.currentVersion,
      name: workflow.name,
      format: workflow.format,
      definition: definition as object,
      createdBy: userId,
    });
    await tx.insert(WorkflowVersionEntity, version);
    return version;
  }
}

function definedOnly(changes: WorkflowChanges): Partial<WorkflowEntity> {
  const { definition: _definition, settings, ...rest } = changes;
  // Settings live in columns of their own; a field left out keeps its value, null clears it.
  return Object.fromEntries(
    Object.entries({ ...rest, ...settings }).filter(([, v]) => v !== undefined),
  ) as Partial<WorkflowEntity>;
}

function toRecord(entity: WorkflowEntity, definition: unknown): WorkflowRecord {
  return {
    id: entity.id,
    workspaceId: entity.workspaceId,
    name: entity.name,
    description: entity.description,
    format: entity.format,
    status: entity.status,
    tags: entity.tags,
    currentVersion: entity.currentVersion,
    definition,
    settings: {
      maxConcurrentExecutions: entity.maxConcurrentExecutions,
      maxStartsPerMinute: entity.maxStartsPerMinute,
      durability: entity.durability,
      retentionDays: entity.retentionDays ?? null,
      expectedDurationSeconds: entity.expectedDurationSeconds ?? null,
      onFailure: entity.onFailure ?? null,
    },
    createdBy: entity.createdBy,
    createdAt: entity.createdAt,
    updatedAt: entity.updatedAt,
  };
}

interface ListRow {
  v_definition: unknown;
  last_execution: { id: string; status: string; createdAt: string } | string | null;
  next_run_at: Date | string | null;
}

function toListItem(entity: WorkflowEntity, row: ListRow): WorkflowListItemRecord {
  // json_build_object arrives parsed from node-postgres, as text from drivers that do not parse json.
  const last = typeof row.last_execution === 'string' ? JSON.parse(row.last_execution) : row.last_execution;
  return {
    ...toRecord(entity, row.v_definition),
    lastExecution: last ? { id: last.id, status: last.status, createdAt: new Date(last.createdAt) } : null,
    nextRunAt: row.next_run_at === null ? null : new Date(row.next_run_at),
  };
}

function toVersionRecord(row: WorkflowVersionEntity): WorkflowVersionRecord {
  return {
    id: row.id,
    workflowId: row.workflowId,
    version: row.version,
    name: row.name,
    format: row.format,
    definition: row.definition,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
  };
}
