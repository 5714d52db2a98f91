import { afterAll, beforeAll } from '@jest/globals';
import { describeArtifactsApi } from './artifacts-api.suite';
import { type LocalS3Server, startLocalS3Server } from './s3-server';

let server: LocalS3Server;

beforeAll(async () => {
  server = await startLocalS3Server();
});

afterAll(async () => {
  await server?.stop();
});

// Tier 2 with BATON_ARTIFACTS_S3_URL: the app picks the S3-compatible driver (a local s3rver process).
describeArtifactsApi('postgres', 's3', () => server.env);
