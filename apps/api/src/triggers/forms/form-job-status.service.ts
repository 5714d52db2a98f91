import { Inject, Injectable } from '@nestjs/common';
import { ArtifactStore, type ExecutionStatus, WorkflowEngine } from '@baton/engine';
import type { PublicTrigger } from '@baton/persistence';
import { ArtifactLinkSigner } from '../../artifacts/artifact-link-signer';
import { BATON_CONFIG } from '../../config/baton-config.token';
import type { BatonConfig } from '../../config/baton-config';
import { TriggerClock } from '../trigger-clock';
import { FormJobTokens } from './form-job-token';
import type { FormJobLink, FormJobStatus, FormJobView } from './render-status-page';

const LINK_TTL_SECONDS = 7 * 86_400;

const STATUS: Record<ExecutionStatus, FormJobStatus> = {
  pending: 'queued',
  running: 'running',
  paused: 'running',
  completed: 'completed',
  failed: 'failed',
  cancelled: 'failed',
};

/**
 * What a form's submitter may know of the job their submission started: its status, timestamps
 * and, once it completed, signed links to the artifacts the workflow published. Never the
 * execution id, its input, output or error.
 */
@Injectable()
export class FormJobStatusService {
  constructor(
    private readonly engine: WorkflowEngine,
    private readonly artifacts: ArtifactStore,
    private readonly tokens: FormJobTokens,
    private readonly signer: ArtifactLinkSigner,
    private readonly clock: TriggerClock,
    @Inject(BATON_CONFIG) private readonly config: Pick<BatonConfig, 'artifacts'>,
  ) {}

  /** The job token a submission's answer carries. */
  issue(found: PublicTrigger, executionId: string): string {
    return this.tokens.issue(found.trigger.id, executionId);
  }

  /**
   * Null (a 404) for a token this form did not issue, or whose execution no longer exists or is
   * not this form's run. `origin` prefixes the links ('' keeps them relative, for the page).
   */
  async view(found: PublicTrigger, jobToken: string, origin: string): Promise<FormJobView | null> {
    const executionId = this.tokens.read(found.trigger.id, jobToken);
    if (!executionId) return null;
    const snapshot = await this.engine.findExecution(executionId);
    const execution = snapshot?.execution;
    if (
      !execution ||
      execution.workspaceId !== found.trigger.workspaceId ||
      execution.workflowId !== found.trigger.workflowId ||
      execution.trigger !== 'form'
    )
      return null;
    const status = STATUS[execution.status];
    return {
      status,
      submittedAt: execution.createdAt.toISOString(),
      startedAt: execution.startedAt?.toISOString() ?? null,
      endedAt: execution.endedAt?.toISOString() ?? null,
      links: status === 'completed' ? await this.publishedLinks(executionId, origin) : [],
    };
  }

  private async publishedLinks(executionId: string, origin: string): Promise<FormJobLink[]> {
    const ttl = Math.min(LINK_TTL_SECONDS, this.config.artifacts.linkMaxTtlSeconds);
    const expiresAt = new Date(this.clock.now().getTime() + ttl * 1000);
    return (await this.artifacts.listByExecution(executionId))
      .filter((artifact) => artifact.publish)
      .map((artifact) => ({
        name: artifact.name,
        contentType: artifact.contentType,
        size: artifact.size,
        url: `${origin}/api/artifact-links/${this.signer.sign(artifact.artifactId, expiresAt)}`,
        expiresAt: expiresAt.toISOString(),
      }));
  }
}
