import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  ArtifactBlobStore,
  ArtifactNotFoundError,
  ArtifactStore,
  ArtifactTooLargeError,
  InvalidInputError,
} from '@baton/engine';
import { ArtifactRepository, buildDataSourceOptions, runMigrationsUnderLock } from '@baton/persistence';
import { DataSource } from 'typeorm';
import { type EmbeddedDatabase, startEmbeddedDatabase } from '../../../api/src/database/embedded-database';
import { prepareTier, type TierEnvironment, type TierName } from '../support/test-tiers';

/** What a driver's spec hands the suite: its blob store, made once the tier's database is up. */
export interface ArtifactDriverUnderTest {
  tier: TierName;
  createBlobs(context: { dataSource: DataSource; dataDir: string }): Promise<ArtifactBlobStore>;
  /** Stops what createBlobs started. */
  stop?(): Promise<void>;
}

const MAX_BYTES = 8 * 1024 * 1024;

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

async function* slowly(parts: Buffer[]): AsyncGenerator<Buffer> {
  for (const part of parts) {
    await new Promise((resolve) => setImmediate(resolve));
    yield part;
  }
}

/**
 * The one contract every artifact driver passes (filesystem, PostgreSQL chunks, S3-compatible):
 * through ArtifactStore with the real catalog table, on the tier's database.
 */
export function describeArtifactStoreContract(name: string, driver: ArtifactDriverUnderTest): void {
  describe(`ArtifactStore contract: ${name}`, () => {
    let environment: TierEnvironment;
    let embedded: EmbeddedDatabase | null = null;
    let dataSource: DataSource;
    let blobs: ArtifactBlobStore;
    let store: ArtifactStore;
    const owner = () => ({ executionId: randomUUID(), stepId: 'render' });

    beforeAll(async () => {
      environment = await prepareTier(driver.tier);
      const dataDir = environment.env['BATON_DATA_DIR']!;
      if (driver.tier === 'embedded') embedded = await startEmbeddedDatabase({ dataDir, maxConnections: 10 });
      const url = embedded?.url ?? environment.env['DATABASE_URL']!;
      await runMigrationsUnderLock({ url, poolSize: 2 });
      dataSource = new DataSource(buildDataSourceOptions({ url, poolSize: 4 }));
      await dataSource.initialize();
      blobs = await driver.createBlobs({ dataSource, dataDir });
      store = new ArtifactStore(blobs, new ArtifactRepository(dataSource), { maxBytes: MAX_BYTES });
    });

    afterAll(async () => {
      await driver.stop?.();
      if (dataSource?.isInitialized) await dataSource.destroy();
      await embedded?.stop();
      await environment?.cleanup();
    });

    it('stores bytes and text, answers the reference with size and SHA-256, and reads them back', async () => {
      const bytes = Buffer.from([0, 1, 2, 255, 254]);
      const record = await store.put(owner(), 'raw.bin', bytes, 'application/octet-stream');
      expect(record).toMatchObject({
        name: 'raw.bin',
        contentType: 'application/octet-stream',
        size: 5,
        publish: false,
      });
      expect(record.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      const { record: opened, body } = await store.open(record.artifactId);
      expect(opened).toEqual(record);
      expect(await readAll(body)).toEqual(bytes);

      const text = await store.put(owner(), 'hello.txt', 'héllo', 'text/plain; charset=utf-8', { publish: true });
      expect(text).toMatchObject({ size: Buffer.byteLength('héllo'), publish: true });
      expect((await readAll((await store.open(text.artifactId)).body)).toString('utf8')).toBe('héllo');
      expect(await store.stat(text.artifactId)).toEqual(text);
    });

    it('streams a multi-chunk body both ways without changing a byte, and keeps an empty one', async () => {
      // 5.5 MiB in uneven parts: several PostgreSQL chunks, two S3 multipart parts.
      const parts = Array.from({ length: 11 }, (_, i) => Buffer.alloc(512 * 1024 + (i % 3) * 7, i * 17));
      const whole = Buffer.concat(parts);
      const record = await store.put(owner(), 'big.bin', slowly(parts), 'application/octet-stream');
      expect(record.size).toBe(whole.length);
      expect(record.sha256).toBe(createHash('sha256').update(whole).digest('hex'));
      const read = await readAll((await store.open(record.artifactId)).body);
      expect(read.length).toBe(whole.length);
      expect(read.equals(whole)).toBe(true);

      const empty = await store.put(owner(), 'empty.txt', '', 'text/plain');
      expect(empty.size).toBe(0);
      expect(await readAll((await store.open(empty.artifactId)).body)).toEqual(Buffer.alloc(0));
    });

    it('lists an execution’s artifacts oldest first and no other execution’s', async () => {
      const mine = owner();
      const first = await store.put(mine, 'a.html', '<p>a</p>', 'text/html');
      const second = await store.put({ ...mine, stepId: 'other' }, 'b.json', '{}', 'application/json');
      await store.put(owner(), 'elsewhere.txt', 'x', 'text/plain');
      expect((await store.listByExecution(mine.executionId)).map((r) => r.artifactId)).toEqual([
        first.artifactId,
        second.artifactId,
      ]);
    });

    it('refuses a body over the limit, a bad name or media type, and leaves nothing behind', async () => {
      const mine = owner();
      const tooBig = slowly([Buffer.alloc(MAX_BYTES), Buffer.alloc(1)]);
      await expect(store.put(mine, 'big.bin', tooBig, 'application/octet-stream')).rejects.toBeInstanceOf(
        ArtifactTooLargeError,
      );
      await expect(store.put(mine, '../etc/passwd', 'x', 'text/plain')).rejects.toBeInstanceOf(InvalidInputError);
      await expect(store.put(mine, 'a.txt', 'x', 'not a type')).rejects.toThrow('is not a media type');
      async function* failing(): AsyncGenerator<Buffer> {
        yield Buffer.from('half');
        throw new Error('the source broke');
      }
      await expect(store.put(mine, 'half.txt', failing(), 'text/plain')).rejects.toThrow('the source broke');
      expect(await store.listByExecution(mine.executionId)).toEqual([]);
    });

    it('answers ARTIFACT_NOT_FOUND for an unknown id', async () => {
      await expect(store.open(randomUUID())).rejects.toBeInstanceOf(ArtifactNotFoundError);
      expect(await store.stat(randomUUID())).toBeNull();
      await expect(blobs.read(randomUUID())).rejects.toMatchObject({ code: 'ARTIFACT_NOT_FOUND' });
    });

    it('deletes an execution’s artifacts with their bytes, and only those', async () => {
      const [gone, kept] = [owner(), owner()];
      const doomed = await store.put(gone, 'r.html', '<p>r</p>', 'text/html');
      const doomedToo = await store.put(gone, 'big.bin', Buffer.alloc(600 * 1024, 3), 'application/octet-stream');
      const survivor = await store.put(kept, 'k.html', '<p>k</p>', 'text/html');
      expect(await store.deleteByExecutions([gone.executionId])).toBe(2);
      for (const id of [doomed.artifactId, doomedToo.artifactId]) {
        expect(await store.stat(id)).toBeNull();
        expect(await blobs.has(id)).toBe(false);
      }
      expect(await blobs.has(survivor.artifactId)).toBe(true);
      expect((await readAll((await store.open(survivor.artifactId)).body)).toString()).toBe('<p>k</p>');
    });

    it('purges the bytes of artifacts whose execution row was deleted (the database marks them)', async () => {
      const workspaceId = randomUUID();
      const executionId = randomUUID();
      await dataSource.query(`INSERT INTO workspaces (id, name) VALUES ($1, 'Artifacts contract')`, [workspaceId]);
      await dataSource.query(
        `INSERT INTO executions (id, workspace_id, format, definition, status, mode, created_at)
         VALUES ($1, $2, 'graph', '{}', 'completed', 'queued', now())`,
        [executionId, workspaceId],
      );
      const record = await store.put({ executionId, stepId: 'render' }, 'r.html', '<p>r</p>', 'text/html');
      await dataSource.query(`DELETE FROM executions WHERE id = $1`, [executionId]);
      expect(await store.stat(record.artifactId)).toBeNull();
      expect(await blobs.has(record.artifactId)).toBe(true);
      expect(await store.purgeDeleted()).toBeGreaterThanOrEqual(1);
      expect(await blobs.has(record.artifactId)).toBe(false);
      const [row] = await dataSource.query(`SELECT count(*)::int AS n FROM artifacts WHERE id = $1`, [
        record.artifactId,
      ]);
      expect(row.n).toBe(0);
    });
  });
}
