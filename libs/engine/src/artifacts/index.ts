export * from './artifact.js';
export { ArtifactBlobStore } from './artifact-blob-store.port.js';
export { ArtifactCatalog } from './artifact-catalog.port.js';
export { ArtifactNotFoundError, ArtifactTooLargeError } from './artifact-errors.js';
export { ArtifactStore, type ArtifactOwner, type ArtifactStoreOptions } from './artifact-store.js';
