import { Injectable } from '@nestjs/common';
import { type ExternalOutcome, hashTaskToken, WorkflowEngine } from '@baton/engine';
import { TaskTokenRepository } from '@baton/persistence';
import { conflict, DomainError, notFound } from '../common/domain.error';
import type { Principal } from '../auth/principal';

const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

/** Step Functions' SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat for parked ASL steps. */
@Injectable()
export class TaskTokensService {
  constructor(
    private readonly tokens: TaskTokenRepository,
    private readonly engine: WorkflowEngine,
  ) {}

  async answer(
    principal: Principal,
    token: string,
    outcome: ExternalOutcome,
  ): Promise<{ status: 'completed' | 'heartbeat' }> {
    if (!TOKEN.test(token))
      throw new DomainError(
        'VALIDATION_FAILED',
        'token must be a task token as handed out in $$.Task.Token or by an activity poll',
      );
    const tokenHash = hashTaskToken(token);
    // Another workspace's token is as unknown as a made-up one.
    const ref = await this.tokens.findTokenInWorkspace(principal.workspaceId, tokenHash);
    if (!ref) throw notFound('Task token', `${token.slice(0, 8)}…`);
    const result = await this.engine.completeExternalStep({ ...ref, tokenHash }, outcome);
    if (result === 'stale')
      throw conflict(
        'The task no longer waits for this token (already answered, timed out, cancelled or its execution ended)',
      );
    return { status: result };
  }
}
