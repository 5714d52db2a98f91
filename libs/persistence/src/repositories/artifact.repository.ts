import { ArtifactCatalog, type ArtifactRecord } from '@baton/engine';
import type { DataSource } from 'typeorm';

interface ArtifactRow {
  id: string;
  execution_id: string;
  step_id: string;
  name: string;
  content_type: string;
  size: string | number;
  sha256: string;
  publish: boolean;
  created_at: Date | string;
}

const COLUMNS = 'id, execution_id, step_id, name, content_type, size, sha256, publish, created_at';

/** The artifacts table: the catalog every artifact driver shares (the bytes live in the driver). */
export class ArtifactRepository extends ArtifactCatalog {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async insert(record: ArtifactRecord): Promise<void> {
    await this.dataSource.query(`INSERT INTO artifacts (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, [
      record.artifactId,
      record.executionId,
      record.stepId,
      record.name,
      record.contentType,
      record.size,
      record.sha256,
      record.publish,
      record.createdAt.toISOString(),
    ]);
  }

  async find(artifactId: string): Promise<ArtifactRecord | null> {
    const rows: ArtifactRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM artifacts WHERE id = $1 AND deleted_at IS NULL`,
      [artifactId],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async listByExecution(executionId: string, limit: number): Promise<ArtifactRecord[]> {
    const rows: ArtifactRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM artifacts WHERE execution_id = $1 AND deleted_at IS NULL
        ORDER BY created_at, id LIMIT $2`,
      [executionId, limit],
    );
    return rows.map(toRecord);
  }

  async markDeletedByExecutions(executionIds: string[]): Promise<number> {
    const [row] = await this.dataSource.query(
      `WITH marked AS (
         UPDATE artifacts SET deleted_at = now()
          WHERE execution_id = ANY($1::uuid[]) AND deleted_at IS NULL RETURNING 1)
       SELECT count(*)::int AS n FROM marked`,
      [executionIds],
    );
    return Number(row?.n ?? 0);
  }

  async findDeleted(limit: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM artifacts WHERE deleted_at IS NOT NULL ORDER BY deleted_at LIMIT $1`,
      [limit],
    );
    return rows.map((row) => row.id);
  }

  async remove(artifactIds: string[]): Promise<void> {
    if (artifactIds.length)
      await this.dataSource.query(`DELETE FROM artifacts WHERE id = ANY($1::uuid[])`, [artifactIds]);
  }
}

function toRecord(row: ArtifactRow): ArtifactRecord {
  return {
    artifactId: row.id,
    executionId: row.execution_id,
    stepId: row.step_id,
    name: row.name,
    contentType: row.content_type,
    size: Number(row.size),
    sha256: row.sha256,
    publish: row.publish,
    createdAt: new Date(row.created_at),
  };
}
