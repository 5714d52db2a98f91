import { describeArtifactsApi } from './artifacts-api.suite';

// Tier 1: PGlite, artifacts as files in the data dir.
describeArtifactsApi('embedded', 'filesystem');
