import { ArtifactChunkRepository } from '@baton/persistence';
import { describeArtifactStoreContract } from './artifact-store.contract';

// Tiers 2 and 3: bytes in artifact_chunks on the machine's PostgreSQL (64 KiB chunks here, so
// the suite's bodies span many rows).
describeArtifactStoreContract('PostgreSQL chunks', {
  tier: 'postgres',
  createBlobs: async ({ dataSource }) => new ArtifactChunkRepository(dataSource, 64 * 1024),
});
