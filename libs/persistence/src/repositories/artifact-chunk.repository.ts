import { Readable } from 'node:stream';
import { ArtifactBlobStore, ArtifactNotFoundError } from '@baton/engine';
import type { DataSource } from 'typeorm';

/** Bytes per row: big enough that a 50 MB artifact is 200 rows, small enough that a row is cheap to hold. */
export const ARTIFACT_CHUNK_BYTES = 256 * 1024;

/**
 * The PostgreSQL artifact driver (tiers 2 and 3): bytes in `artifact_chunks`, one row per
 * ARTIFACT_CHUNK_BYTES, written and read one chunk at a time so a body is never whole in memory,
 * and every machine sharing the database shares the artifacts without another service.
 * Writes are not one transaction (a long one would hold the embedded database's only session);
 * the catalog row, inserted after the last chunk, is what makes an artifact exist.
 */
export class ArtifactChunkRepository extends ArtifactBlobStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly chunkBytes = ARTIFACT_CHUNK_BYTES,
  ) {
    super();
  }

  async write(key: string, chunks: AsyncIterable<Uint8Array>): Promise<void> {
    let seq = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const flush = async (all: boolean): Promise<void> => {
      while (pendingBytes >= this.chunkBytes || (all && pendingBytes > 0)) {
        const joined = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes);
        const data = joined.subarray(0, Math.min(this.chunkBytes, joined.length));
        const rest = joined.subarray(data.length);
        await this.dataSource.query(`INSERT INTO artifact_chunks (artifact_id, seq, data) VALUES ($1, $2, $3)`, [
          key,
          seq++,
          data,
        ]);
        pending = rest.length ? [rest] : [];
        pendingBytes = rest.length;
      }
    };
    for await (const chunk of chunks) {
      pending.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      pendingBytes += chunk.byteLength;
      await flush(false);
    }
    await flush(true);
    // An empty artifact still has a row, so `has` and `read` know it.
    if (seq === 0)
      await this.dataSource.query(`INSERT INTO artifact_chunks (artifact_id, seq, data) VALUES ($1, 0, $2)`, [
        key,
        Buffer.alloc(0),
      ]);
  }

  async read(key: string): Promise<Readable> {
    if (!(await this.has(key))) throw new ArtifactNotFoundError(key);
    const dataSource = this.dataSource;
    async function* chunks(): AsyncGenerator<Buffer> {
      for (let seq = 0; ; seq++) {
        const rows: Array<{ data: Buffer }> = await dataSource.query(
          `SELECT data FROM artifact_chunks WHERE artifact_id = $1 AND seq = $2`,
          [key, seq],
        );
        if (!rows[0]) return;
        if (rows[0].data.length) yield rows[0].data;
      }
    }
    return Readable.from(chunks(), { objectMode: false });
  }

  async has(key: string): Promise<boolean> {
    const rows = await this.dataSource.query(`SELECT 1 FROM artifact_chunks WHERE artifact_id = $1 AND seq = 0`, [key]);
    return rows.length > 0;
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length)
      await this.dataSource.query(`DELETE FROM artifact_chunks WHERE artifact_id = ANY($1::uuid[])`, [keys]);
  }
}
