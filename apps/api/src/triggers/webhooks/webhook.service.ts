import { Inject, Injectable } from '@nestjs/common';
import { ExecutionStore, isTerminalStatus } from '@baton/engine';
import { TriggerRepository, type TriggerRecord } from '@baton/persistence';
import { randomUUID } from 'node:crypto';
import { DomainError, notFound } from '../../common/domain.error';
import { BATON_CONFIG } from '../../config/baton-config.token';
import type { BatonConfig } from '../../config/baton-config';
import { SecretBox } from '../../secrets/secret-box';
import { webhookConfigOf } from '../trigger-config';
import { TriggerClock } from '../trigger-clock';
import { isDuplicateStart, TriggerStarter } from '../trigger-starter.service';
import { buildWebhookInput, type WebhookRequestParts } from './build-webhook-input';
import { verifyWebhookSignature } from './verify-webhook-signature';

const RATE_WINDOW_MS = 60_000;
const SYNC_POLL_MS = 100;

export interface WebhookCall extends WebhookRequestParts {
  token: string;
  idempotencyKey?: string;
}

/** What the controller sends back: a status, headers and a JSON body. */
export interface WebhookReply {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

/**
 * Turns a call on a webhook URL into an execution. Order matters: unknown token, inactive
 * workflow and wrong method first (cheap, reveal nothing), then the rate limit (which also slows
 * signature guessing), then the signature, and only then idempotency and the start.
 */
@Injectable()
export class WebhookService {
  constructor(
    private readonly triggers: TriggerRepository,
    private readonly starter: TriggerStarter,
    private readonly store: ExecutionStore,
    private readonly secrets: SecretBox,
    private readonly clock: TriggerClock,
    @Inject(BATON_CONFIG) private readonly config: BatonConfig,
  ) {}

  async handle(call: WebhookCall): Promise<WebhookReply> {
    const found = await this.triggers.findByToken('webhook', call.token);
    if (!found) throw notFound('Webhook', 'for this URL');
    const { trigger, workflowStatus } = found;
    if (!trigger.enabled) throw new DomainError('CONFLICT', 'This webhook is disabled');
    if (workflowStatus !== 'active')
      throw new DomainError(
        'CONFLICT',
        `The workflow is ${workflowStatus}; only active workflows accept webhook calls`,
      );
    const settings = webhookConfigOf(trigger);
    if (!settings.methods.includes(call.method as never)) {
      return reply(
        405,
        { error: 'METHOD_NOT_ALLOWED', message: `This webhook accepts ${settings.methods.join(', ')}` },
        { allow: settings.methods.join(', ') },
      );
    }
    const now = this.clock.now();
    const limit = settings.rateLimitPerMinute ?? this.config.triggers.webhookRateLimitPerMinute;
    const rate = await this.triggers.consumeRate(trigger.id, now, RATE_WINDOW_MS, limit);
    if (!rate.allowed) {
      const retryAfter = Math.max(1, Math.ceil(rate.retryAfterMs / 1000));
      return reply(
        429,
        { error: 'RATE_LIMITED', message: `This webhook accepts ${limit} calls per minute; retry in ${retryAfter} s` },
        { 'retry-after': String(retryAfter) },
      );
    }
    if (settings.signed) this.assertSigned(trigger, call, now);

    const input = buildWebhookInput(call);
    const { executionId, replayed } = await this.startOnce(trigger, call.idempotencyKey, input, now);
    const headers: Record<string, string> = replayed ? { 'idempotent-replayed': 'true' } : {};
    if (settings.responseMode === 'sync') {
      const finished = await this.waitForResult(executionId, this.config.triggers.webhookSyncTimeoutMs);
      if (finished) return reply(200, finished, headers);
    }
    return reply(202, { executionId }, headers);
  }

  private assertSigned(trigger: TriggerRecord, call: WebhookCall, now: Date): void {
    const secret = this.secrets.decrypt(trigger.secretSealed as string);
    const header = call.headers['x-baton-signature'];
    const check = verifyWebhookSignature(
      Array.isArray(header) ? header[0] : header,
      call.rawBody,
      secret,
      now,
      this.config.triggers.webhookSignatureToleranceSeconds,
    );
    if (!check.ok) throw new DomainError('UNAUTHENTICATED', check.reason);
  }

  /** Starts the execution, or with a known Idempotency-Key returns the first one's id. */
  private async startOnce(
    trigger: TriggerRecord,
    key: string | undefined,
    input: unknown,
    now: Date,
  ): Promise<{ executionId: string; replayed: boolean }> {
    const candidate = randomUUID();
    const executionId = key ? await this.triggers.claimIdempotencyKey(trigger.id, key, candidate, now) : candidate;
    if (executionId !== candidate) return { executionId, replayed: true };
    const runId = await this.triggers.recordEventRun(trigger, executionId, now);
    try {
      await this.starter.start({
        workspaceId: trigger.workspaceId,
        workflowId: trigger.workflowId,
        executionId,
        trigger: 'webhook',
        input,
        mode: 'queued',
      });
    } catch (error) {
      if (!isDuplicateStart(error)) {
        if (key) await this.triggers.releaseIdempotencyKey(trigger.id, key, executionId);
        await this.triggers.markRunFailed(runId, error instanceof Error ? error.message : String(error));
        throw error;
      }
    }
    await this.triggers.markRunStarted(runId);
    return { executionId, replayed: false };
  }

  /** Polls the journal (works whichever process runs the steps) until terminal or the deadline. */
  private async waitForResult(executionId: string, timeoutMs: number): Promise<Record<string, unknown> | null> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const snapshot = await this.store.findExecution(executionId);
      const execution = snapshot?.execution;
      if (execution && isTerminalStatus(execution.status)) {
        return {
          executionId,
          status: execution.status,
          output: execution.output,
          error: execution.error,
          cause: execution.cause,
        };
      }
      if (Date.now() + SYNC_POLL_MS > deadline) return null;
      await new Promise((resolve) => setTimeout(resolve, SYNC_POLL_MS));
    }
  }
}

const reply = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): WebhookReply => ({
  status,
  headers,
  body: status >= 400 ? { statusCode: status, ...body } : body,
});
