import { Readable } from 'node:stream';
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  NoSuchKey,
  NotFound,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { ArtifactBlobStore, ArtifactNotFoundError } from '@baton/engine';

export interface S3ArtifactSettings {
  /** Endpoint of the S3-compatible service (path-style addressing: MinIO, Ceph, s3rver, AWS). */
  url: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Object key prefix, e.g. `baton/artifacts/`. */
  prefix: string;
}

/**
 * Artifact bytes in S3-compatible object storage (BATON_ARTIFACTS_S3_URL). Uploads are multipart
 * (5 MiB parts, at most two in flight), so a body of unknown length streams without being held
 * whole; reads stream the object's body.
 */
export class S3ArtifactBlobStore extends ArtifactBlobStore {
  private readonly client: S3Client;

  constructor(private readonly settings: S3ArtifactSettings) {
    super();
    this.client = new S3Client({
      endpoint: settings.url,
      region: settings.region,
      forcePathStyle: true,
      credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
      // Checksums only where the API requires them: several S3-compatible servers refuse the
      // aws-chunked trailing checksums the SDK sends by default.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async write(key: string, chunks: AsyncIterable<Uint8Array>): Promise<void> {
    // The source's own error (a size limit, a broken stream) is the one to report, not the
    // SDK's error about the upload it cut short.
    let sourceError: unknown = null;
    async function* watched(): AsyncGenerator<Uint8Array> {
      try {
        yield* chunks;
      } catch (error) {
        sourceError = error;
        throw error;
      }
    }
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.settings.bucket, Key: this.keyOf(key), Body: Readable.from(watched()) },
      queueSize: 2,
      partSize: 5 * 1024 * 1024,
      leavePartsOnError: false,
    });
    try {
      await upload.done();
    } catch (error) {
      throw sourceError ?? error;
    }
  }

  async read(key: string): Promise<Readable> {
    try {
      const object = await this.client.send(
        new GetObjectCommand({ Bucket: this.settings.bucket, Key: this.keyOf(key) }),
      );
      return object.Body as Readable;
    } catch (error) {
      if (isMissing(error)) throw new ArtifactNotFoundError(key);
      throw error;
    }
  }

  async has(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.settings.bucket, Key: this.keyOf(key) }));
      return true;
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  async delete(keys: string[]): Promise<void> {
    // DeleteObjects takes at most 1000 keys per call.
    for (let i = 0; i < keys.length; i += 1000) {
      const objects = keys.slice(i, i + 1000).map((key) => ({ Key: this.keyOf(key) }));
      await this.client.send(
        new DeleteObjectsCommand({ Bucket: this.settings.bucket, Delete: { Objects: objects, Quiet: true } }),
      );
    }
  }

  close(): void {
    this.client.destroy();
  }

  private keyOf(key: string): string {
    return `${this.settings.prefix}${key}`;
  }
}

function isMissing(error: unknown): boolean {
  if (error instanceof NoSuchKey || error instanceof NotFound) return true;
  const status = (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
  return status === 404;
}
