import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { randomUUID } from 'node:crypto';
import { ArtifactBlobStore, ArtifactNotFoundError } from '@baton/engine';

const KEY = /^[0-9a-f-]{36}$/;

/**
 * The embedded tier's artifact driver: one file per artifact under `<BATON_DATA_DIR>/artifacts`,
 * in folders of 0700 and files of 0600 (artifacts hold whatever workflows produce, personal
 * data included). A body is written to a temporary name and renamed when complete, so a reader
 * never sees half an artifact and a failed write leaves nothing.
 */
export class FilesystemArtifactBlobStore extends ArtifactBlobStore {
  constructor(private readonly root: string) {
    super();
  }

  async write(key: string, chunks: AsyncIterable<Uint8Array>): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(join(path, '..'), { recursive: true, mode: 0o700 });
    const partial = `${path}.${randomUUID()}.partial`;
    try {
      await pipeline(Readable.from(chunks), createWriteStream(partial, { mode: 0o600, flags: 'wx' }));
      await rename(partial, path);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
  }

  async read(key: string): Promise<Readable> {
    const path = this.pathOf(key);
    if (!(await this.has(key))) throw new ArtifactNotFoundError(key);
    return createReadStream(path);
  }

  async has(key: string): Promise<boolean> {
    return stat(this.pathOf(key)).then(
      (s) => s.isFile(),
      () => false,
    );
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) await rm(this.pathOf(key), { force: true });
  }

  /** Two levels of 256 folders keep any one folder small. */
  private pathOf(key: string): string {
    if (!KEY.test(key)) throw new ArtifactNotFoundError(key);
    return join(this.root, key.slice(0, 2), key);
  }
}
