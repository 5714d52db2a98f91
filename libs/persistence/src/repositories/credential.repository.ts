import type { DataSource, Repository } from 'typeorm';
import { CredentialEntity } from '../entities/credential.entity';
import { json } from './execution-rows';

/** A stored credential as the API works with it; `secrets` are sealed values, never plaintext. */
export interface CredentialRecord {
  id: string;
  workspaceId: string;
  name: string;
  kind: string;
  fields: Record<string, unknown>;
  secrets: Record<string, string>;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export type NewCredential = Omit<CredentialRecord, 'createdAt' | 'updatedAt'>;
export type CredentialChanges = Partial<Pick<CredentialRecord, 'name' | 'fields' | 'secrets'>>;

/** The credentials vault's rows. Every query is scoped by a workspace. */
export class CredentialRepository {
  private readonly rows: Repository<CredentialEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.rows = dataSource.getRepository(CredentialEntity);
  }

  async create(credential: NewCredential): Promise<CredentialRecord> {
    await this.dataSource.query(
      `INSERT INTO credentials (id, workspace_id, name, kind, fields, secrets, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        credential.id,
        credential.workspaceId,
        credential.name,
        credential.kind,
        json(credential.fields),
        json(credential.secrets),
        credential.createdBy,
      ],
    );
    return toRecord(await this.rows.findOneByOrFail({ id: credential.id }));
  }

  async listForWorkspace(workspaceId: string): Promise<CredentialRecord[]> {
    const rows = await this.rows.find({ where: { workspaceId }, order: { name: 'ASC', id: 'ASC' } });
    return rows.map(toRecord);
  }

  async findInWorkspace(workspaceId: string, id: string): Promise<CredentialRecord | null> {
    const row = await this.rows.findOneBy({ id, workspaceId });
    return row ? toRecord(row) : null;
  }

  async update(workspaceId: string, id: string, changes: CredentialChanges): Promise<CredentialRecord | null> {
    // PostgreSQL UPDATE answers [rows, affected] through TypeORM.
    const [updated]: [unknown[], number] = await this.dataSource.query(
      `UPDATE credentials
          SET name = COALESCE($3, name), fields = COALESCE($4::jsonb, fields),
              secrets = COALESCE($5::jsonb, secrets), updated_at = now()
        WHERE id = $1 AND workspace_id = $2 RETURNING id`,
      [id, workspaceId, changes.name ?? null, json(changes.fields), json(changes.secrets)],
    );
    return updated?.length ? this.findInWorkspace(workspaceId, id) : null;
  }

  async delete(workspaceId: string, id: string): Promise<boolean> {
    const result = await this.rows.delete({ id, workspaceId });
    return Boolean(result.affected);
  }
}

function toRecord(row: CredentialEntity): CredentialRecord {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    name: row.name,
    kind: row.kind,
    fields: row.fields,
    secrets: row.secrets,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
