import { S3ArtifactBlobStore } from '../../../api/src/artifacts/drivers/s3-artifact.blob-store';
import { describeArtifactStoreContract } from './artifact-store.contract';
import { type LocalS3Server, startLocalS3Server } from './s3-server';

let server: LocalS3Server;
let store: S3ArtifactBlobStore;

// S3-compatible object storage: a local s3rver process; the catalog on the machine's PostgreSQL.
describeArtifactStoreContract('S3-compatible (s3rver)', {
  tier: 'postgres',
  async createBlobs() {
    server = await startLocalS3Server();
    store = new S3ArtifactBlobStore({ ...server, region: 'us-east-1', prefix: 'contract/' });
    return store;
  },
  async stop() {
    store?.close();
    await server?.stop();
  },
});
