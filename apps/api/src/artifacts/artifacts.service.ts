import { Inject, Injectable } from '@nestjs/common';
import { type ArtifactRecord, ArtifactStore, Clock, WorkflowEngine } from '@baton/engine';
import type { Readable } from 'node:stream';
import type { Principal } from '../auth/principal';
import { BATON_CONFIG } from '../config/baton-config.token';
import type { BatonConfig } from '../config/baton-config';
import { DomainError, notFound, validationFailed } from '../common/domain.error';
import { ArtifactLinkSigner } from './artifact-link-signer';
import type { ArtifactDto } from './dto/artifact.dto';

const DEFAULT_LINK_TTL_SECONDS = 7 * 86_400;

/** An artifact ready to stream. */
export interface OpenedArtifact {
  record: ArtifactRecord;
  body: Readable;
}

/** Reads artifacts for members of their execution's workspace, and for holders of a signed link. */
@Injectable()
export class ArtifactsService {
  constructor(
    private readonly store: ArtifactStore,
    private readonly engine: WorkflowEngine,
    private readonly clock: Clock,
    private readonly signer: ArtifactLinkSigner,
    @Inject(BATON_CONFIG) private readonly config: Pick<BatonConfig, 'artifacts'>,
  ) {}

  async listForExecution(principal: Principal, executionId: string): Promise<ArtifactDto[]> {
    await this.assertExecutionInWorkspace(principal, executionId);
    return (await this.store.listByExecution(executionId)).map(toArtifactDto);
  }

  async open(principal: Principal, artifactId: string): Promise<OpenedArtifact> {
    await this.findInWorkspace(principal, artifactId);
    return this.store.open(artifactId);
  }

  async createLink(
    principal: Principal,
    artifactId: string,
    expiresInSeconds = DEFAULT_LINK_TTL_SECONDS,
  ): Promise<{ token: string; expiresAt: Date }> {
    const max = this.config.artifacts.linkMaxTtlSeconds;
    if (expiresInSeconds > max)
      throw validationFailed(`expiresInSeconds must be at most ${max} (BATON_ARTIFACT_LINK_MAX_TTL_SECONDS)`);
    await this.findInWorkspace(principal, artifactId);
    const expiresAt = new Date(this.clock.now() + expiresInSeconds * 1000);
    return { token: this.signer.sign(artifactId, expiresAt), expiresAt };
  }

  /** What a signed link opens; refuses a malformed or changed token (403) and an expired one (401). */
  async openByLink(token: string): Promise<OpenedArtifact> {
    const check = this.signer.check(token, new Date(this.clock.now()));
    if (!check.ok) {
      if (check.reason === 'expired') throw new DomainError('UNAUTHENTICATED', 'This artifact link has expired');
      throw new DomainError('FORBIDDEN', 'This artifact link is not valid');
    }
    return this.store.open(check.artifactId).catch((error: unknown) => {
      if ((error as { code?: string }).code === 'ARTIFACT_NOT_FOUND')
        throw new DomainError('NOT_FOUND', 'The artifact of this link no longer exists');
      throw error;
    });
  }

  private async findInWorkspace(principal: Principal, artifactId: string): Promise<ArtifactRecord> {
    const record = await this.store.stat(artifactId);
    if (!record) throw notFound('Artifact', artifactId);
    const snapshot = await this.engine.findExecution(record.executionId);
    // Another workspace's artifact is answered like a missing one: its existence is not revealed.
    if (snapshot?.execution.workspaceId !== principal.workspaceId) throw notFound('Artifact', artifactId);
    return record;
  }

  private async assertExecutionInWorkspace(principal: Principal, executionId: string): Promise<void> {
    const snapshot = await this.engine.findExecution(executionId);
    if (snapshot?.execution.workspaceId !== principal.workspaceId) throw notFound('Execution', executionId);
  }
}

export function toArtifactDto(record: ArtifactRecord): ArtifactDto {
  return {
    artifactId: record.artifactId,
    executionId: record.executionId,
    stepId: record.stepId,
    name: record.name,
    contentType: record.contentType,
    size: record.size,
    sha256: record.sha256,
    publish: record.publish,
    createdAt: record.createdAt.toISOString(),
  };
}
