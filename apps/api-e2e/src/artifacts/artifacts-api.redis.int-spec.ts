import { describeArtifactsApi } from './artifacts-api.suite';

// Tier 3: PostgreSQL + Redis (BullMQ), artifacts in PostgreSQL chunks.
describeArtifactsApi('redis', 'postgres');
