import type { Readable } from 'node:stream';

/**
 * Where artifact bytes live, by key (filesystem, PostgreSQL chunks, S3-compatible object storage).
 * A driver streams both ways and never holds a whole body in memory. Metadata is not its job
 * (ArtifactCatalog), nor hashing or size limits (ArtifactStore does both once for every driver).
 */
export abstract class ArtifactBlobStore {
  /** Stores the chunks under `key`; on any error nothing stays behind under that key. */
  abstract write(key: string, chunks: AsyncIterable<Uint8Array>): Promise<void>;
  /** The bytes under `key`, streamed; throws ArtifactNotFoundError when there are none. */
  abstract read(key: string): Promise<Readable>;
  abstract has(key: string): Promise<boolean>;
  /** Removes these keys; keys that are already gone are no error. */
  abstract delete(keys: string[]): Promise<void>;
}
