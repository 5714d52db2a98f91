import { join } from 'node:path';
import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { type ArtifactBlobStore, ArtifactStore } from '@baton/engine';
import { ArtifactChunkRepository, ArtifactRepository } from '@baton/persistence';
import { DataSource } from 'typeorm';
import { BATON_RUNTIME, type BatonRuntime } from '../bootstrap/baton-runtime';
import { FilesystemArtifactBlobStore } from './drivers/filesystem-artifact.blob-store';
import { S3ArtifactBlobStore } from './drivers/s3-artifact.blob-store';

/**
 * The artifact driver a configuration selects: S3-compatible storage when BATON_ARTIFACTS_S3_URL
 * is set, else PostgreSQL chunks with an external database (tiers 2 and 3: every machine sees
 * them), else files in the data dir (the embedded tier's one machine).
 */
export function selectArtifactBlobStore(runtime: BatonRuntime, dataSource: DataSource): ArtifactBlobStore {
  const { config } = runtime;
  if (config.artifacts.s3) return new S3ArtifactBlobStore(config.artifacts.s3);
  if (!runtime.embedded) return new ArtifactChunkRepository(dataSource);
  return new FilesystemArtifactBlobStore(join(config.dataDir, 'artifacts'));
}

/** Closes the S3 client's sockets on shutdown. */
@Injectable()
class ArtifactStorageShutdown implements OnApplicationShutdown {
  constructor(@Inject(ArtifactStore) private readonly store: ArtifactStore) {}

  onApplicationShutdown(): void {
    if (this.store.blobs instanceof S3ArtifactBlobStore) this.store.blobs.close();
  }
}

/** The artifact store, for every role: workers' nodes write artifacts, the API serves them. */
@Global()
@Module({
  providers: [
    {
      provide: ArtifactStore,
      useFactory: (runtime: BatonRuntime, dataSource: DataSource) =>
        new ArtifactStore(selectArtifactBlobStore(runtime, dataSource), new ArtifactRepository(dataSource), {
          maxBytes: runtime.config.artifacts.maxBytes,
        }),
      inject: [BATON_RUNTIME, DataSource],
    },
    ArtifactStorageShutdown,
  ],
  exports: [ArtifactStore],
})
export class ArtifactStorageModule {}
