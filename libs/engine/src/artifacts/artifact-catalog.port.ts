import type { ArtifactRecord } from './artifact.js';

/** Artifact metadata (a table on every tier): what exists, whose it is, what is due for deletion. */
export abstract class ArtifactCatalog {
  abstract insert(record: ArtifactRecord): Promise<void>;
  /** Null when unknown or marked deleted. */
  abstract find(artifactId: string): Promise<ArtifactRecord | null>;
  /** Oldest first, at most `limit`. */
  abstract listByExecution(executionId: string, limit: number): Promise<ArtifactRecord[]>;
  /** Marks every artifact of these executions deleted (their rows go once their bytes are gone). */
  abstract markDeletedByExecutions(executionIds: string[]): Promise<number>;
  /** Ids of artifacts marked deleted whose bytes may still exist, at most `limit`. */
  abstract findDeleted(limit: number): Promise<string[]>;
  /** Drops these rows for good (after their bytes were deleted). */
  abstract remove(artifactIds: string[]): Promise<void>;
}
