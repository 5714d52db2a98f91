import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { InvalidInputError } from '../errors/engine.error.js';
import type { ArtifactBody, ArtifactPutOptions, ArtifactRecord } from './artifact.js';
import { ArtifactBlobStore } from './artifact-blob-store.port.js';
import { ArtifactCatalog } from './artifact-catalog.port.js';
import { ArtifactNotFoundError, ArtifactTooLargeError } from './artifact-errors.js';

/** Who produced an artifact. */
export interface ArtifactOwner {
  executionId: string;
  stepId: string;
}

export interface ArtifactStoreOptions {
  /** Largest artifact accepted, in bytes. */
  maxBytes: number;
  /** Artifacts one execution may list at most. */
  maxPerExecution?: number;
}

const CONTENT_TYPE =
  /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}(\s*;\s*[a-z0-9_-]+=[a-z0-9_.-]+)?$/i;
const MAX_NAME_LENGTH = 255;
// Control characters and path separators never reach a Content-Disposition header or a file name.
const UNSAFE_NAME = /[\u0000-\u001f\u007f/\\"]/;

/**
 * Artifacts: metadata in the catalog, bytes in one blob driver. Hashing and the size limit
 * happen here, while the body streams through, so every driver behaves alike and none of them
 * ever holds a whole artifact. A body that fails or runs over leaves neither bytes nor a row.
 */
export class ArtifactStore {
  constructor(
    readonly blobs: ArtifactBlobStore,
    private readonly catalog: ArtifactCatalog,
    private readonly options: ArtifactStoreOptions,
  ) {}

  async put(
    owner: ArtifactOwner,
    name: string,
    body: ArtifactBody,
    contentType: string,
    options: ArtifactPutOptions = {},
  ): Promise<ArtifactRecord> {
    assertValidName(name);
    if (typeof contentType !== 'string' || !CONTENT_TYPE.test(contentType))
      throw new InvalidInputError(
        `contentType "${String(contentType).slice(0, 80)}" is not a media type (type/subtype)`,
      );
    const artifactId = randomUUID();
    const hash = createHash('sha256');
    let size = 0;
    const maxBytes = this.options.maxBytes;
    async function* measured(): AsyncGenerator<Uint8Array> {
      for await (const chunk of chunksOf(body)) {
        size += chunk.byteLength;
        if (size > maxBytes) throw new ArtifactTooLargeError(maxBytes);
        hash.update(chunk);
        yield chunk;
      }
    }
    try {
      await this.blobs.write(artifactId, measured());
    } catch (error) {
      await this.blobs.delete([artifactId]).catch(() => undefined);
      throw error;
    }
    const record: ArtifactRecord = {
      artifactId,
      name,
      contentType,
      size,
      sha256: hash.digest('hex'),
      executionId: owner.executionId,
      stepId: owner.stepId,
      publish: options.publish === true,
      createdAt: new Date(),
    };
    try {
      await this.catalog.insert(record);
    } catch (error) {
      await this.blobs.delete([artifactId]).catch(() => undefined);
      throw error;
    }
    return record;
  }

  /** The artifact's metadata, or null. */
  stat(artifactId: string): Promise<ArtifactRecord | null> {
    return this.catalog.find(artifactId);
  }

  /** Metadata and a stream of the bytes; throws ArtifactNotFoundError. */
  async open(artifactId: string): Promise<{ record: ArtifactRecord; body: Readable }> {
    const record = await this.catalog.find(artifactId);
    if (!record) throw new ArtifactNotFoundError(artifactId);
    return { record, body: await this.blobs.read(artifactId) };
  }

  listByExecution(executionId: string): Promise<ArtifactRecord[]> {
    return this.catalog.listByExecution(executionId, this.options.maxPerExecution ?? 1000);
  }

  /** Deletes every artifact of these executions, bytes included. */
  async deleteByExecutions(executionIds: string[]): Promise<number> {
    if (!executionIds.length) return 0;
    const marked = await this.catalog.markDeletedByExecutions(executionIds);
    await this.purgeDeleted();
    return marked;
  }

  /**
   * Deletes the bytes, then the rows, of artifacts marked deleted (by deleteByExecutions, or by
   * the database when their execution row went). Answers how many went.
   */
  async purgeDeleted(batchSize = 500): Promise<number> {
    let purged = 0;
    for (;;) {
      const ids = await this.catalog.findDeleted(batchSize);
      if (!ids.length) return purged;
      await this.blobs.delete(ids);
      await this.catalog.remove(ids);
      purged += ids.length;
      if (ids.length < batchSize) return purged;
    }
  }
}

function assertValidName(name: unknown): asserts name is string {
  if (typeof name !== 'string' || !name.trim() || name.length > MAX_NAME_LENGTH || UNSAFE_NAME.test(name))
    throw new InvalidInputError(
      `artifact name must be 1-${MAX_NAME_LENGTH} characters without control characters, quotes or slashes`,
    );
}

async function* chunksOf(body: ArtifactBody): AsyncGenerator<Uint8Array> {
  if (typeof body === 'string') yield Buffer.from(body, 'utf8');
  else if (body instanceof Uint8Array) yield body;
  else if (body && typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') {
    for await (const chunk of body) yield typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
  } else throw new InvalidInputError('artifact body must be bytes, a string or a stream');
}
