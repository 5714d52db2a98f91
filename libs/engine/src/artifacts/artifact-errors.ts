import { InvalidInputError, PermanentError } from '../errors/engine.error.js';

/** The artifact does not exist (or was deleted with its execution). */
export class ArtifactNotFoundError extends PermanentError {
  constructor(artifactId: string) {
    super(`Artifact ${artifactId} was not found`, 'ARTIFACT_NOT_FOUND');
  }
}

/** A step tried to store more than BATON_ARTIFACT_MAX_BYTES in one artifact. */
export class ArtifactTooLargeError extends InvalidInputError {
  constructor(maxBytes: number) {
    super(`An artifact may hold at most ${maxBytes} bytes`, 'ARTIFACT_TOO_LARGE', { maxBytes });
  }
}
