/** What a step's file body may be: bytes, text (UTF-8) or a stream of chunks (a Node Readable is one). */
export type ArtifactBody = Uint8Array | string | AsyncIterable<Uint8Array | string>;

/** How an artifact is referred to everywhere (step outputs, API answers): the bytes live in the store. */
export interface ArtifactRef {
  artifactId: string;
  name: string;
  contentType: string;
  size: number;
  /** Lowercase hex SHA-256 of the bytes. */
  sha256: string;
}

/** An artifact with what it belongs to. */
export interface ArtifactRecord extends ArtifactRef {
  executionId: string;
  stepId: string;
  /** Marked by the workflow for delivery to people without an account (a job status page shows it). */
  publish: boolean;
  createdAt: Date;
}

export interface ArtifactPutOptions {
  /** The workflow chose to deliver this artifact publicly. */
  publish?: boolean;
}

/**
 * `ctx.artifacts`: stores a file a step produced once and answers its reference, which the step
 * puts in its output instead of the bytes. Absent where no store is bound (plain engine tests).
 */
export interface NodeArtifacts {
  /** With `publish`, the answer may carry `url`: a signed public link, where the host signs them. */
  put(
    name: string,
    body: ArtifactBody,
    contentType: string,
    options?: ArtifactPutOptions,
  ): Promise<ArtifactRef & { url?: string }>;
}
