import { Inject, Injectable } from '@nestjs/common';
import { ExecutionStore, isTerminalStatus, type StartExecutionResult } from '@baton/engine';
import { type PublicTrigger, TriggerRepository, type TriggerRecord } from '@baton/persistence';
import { createHash, randomUUID } from 'node:crypto';
import { DomainError, notFound, validationFailed } from '../../common/domain.error';
import { findUnstorableText } from '../../common/find-unstorable-text';
import { BATON_CONFIG } from '../../config/baton-config.token';
import type { BatonConfig } from '../../config/baton-config';
import { SecretBox } from '../../secrets/secret-box';
import { LocalEventSink } from '../../engine-wiring/local-event.sink';
import { triggerModeOf, webhookConfigOf } from '../trigger-config';
import { TriggerClock } from '../trigger-clock';
import { isDuplicateStart, TriggerStarter } from '../trigger-starter.service';
import { buildWebhookInput, type WebhookRequestParts } from './build-webhook-input';
import { verifyWebhookSignature } from './verify-webhook-signature';

const RATE_WINDOW_MS = 60_000;
// Only a safety net: the in-process engine's terminal event wakes a sync caller at once. The
// journal is read again at this pace for runs another process finishes (queued on a worker).
const SYNC_RECHECK_MS = 1000;
const TERMINAL_EVENTS = new Set(['completed', 'failed', 'cancelled']);

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
 * workflow and wrong method first (cheap, reveal nothing), then the signature and its replay
 * check (so forged calls never consume the real sender's rate), then the rate limit, and only
 * then idempotency and the start.
 */
@Injectable()
export class WebhookService {
  constructor(
    private readonly triggers: TriggerRepository,
    private readonly starter: TriggerStarter,
    private readonly store: ExecutionStore,
    private readonly events: LocalEventSink,
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
    // Signature first: bad calls from someone without the secret must not spend the sender's rate.
    if (settings.signed) await this.assertSigned(trigger, call, now);
    const limit = settings.rateLimitPerMinute ?? this.config.triggers.webhookRateLimitPerMinute;
    const rate = await this.triggers.consumeRate(trigger.id, now, RATE_WINDOW_MS, limit, { markRun: true });
    if (!rate.allowed) {
      const retryAfter = Math.max(1, Math.ceil(rate.retryAfterMs / 1000));
      return reply(
        429,
        { error: 'RATE_LIMITED', message: `This webhook accepts ${limit} calls per minute; retry in ${retryAfter} s` },
        { 'retry-after': String(retryAfter) },
      );
    }

    const input = buildWebhookInput(call);
    // The webhook body is parsed here, not by the app's body parsers: check it the same way.
    const unstorable = findUnstorableText(input, '');
    if (unstorable) throw validationFailed(`${unstorable.path} ${unstorable.problem}`);
    const sync = settings.responseMode === 'sync';
    const { executionId, replayed, started } = await this.startOnce(found, call.idempotencyKey, input, now, sync);
    const headers: Record<string, string> = replayed ? { 'idempotent-replayed': 'true' } : {};
    if (sync) {
      // An immediate run has finished by now: answer from its result, no second look at the journal.
      const finished =
        started && isTerminalStatus(started.status)
          ? resultOf(executionId, started)
          : await this.waitForResult(executionId, this.config.triggers.webhookSyncTimeoutMs);
      if (finished) return reply(200, finished, headers);
    }
    return reply(202, { executionId }, headers);
  }

  private async assertSigned(trigger: TriggerRecord, call: WebhookCall, now: Date): Promise<void> {
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
    // Within the tolerance window a captured request would verify again: accept each one once.
    const tolerance = this.config.triggers.webhookSignatureToleranceSeconds;
    const fingerprint = createHash('sha256').update(`${check.timestamp}.${check.signature}`).digest('hex');
    const expiresAt = new Date((check.timestamp + tolerance) * 1000 + 1000);
    if (!(await this.triggers.claimSignature(trigger.id, fingerprint, expiresAt, now)))
      throw new DomainError('UNAUTHENTICATED', 'This signed request was already received; sign each call anew');
  }

  /**
   * Starts the execution, or with a known Idempotency-Key returns the first one's id. Without a
   * key the engine picks the id, so an express run needs no check that it is new.
   */
  private async startOnce(
    { trigger, workflow }: PublicTrigger,
    key: string | undefined,
    input: unknown,
    now: Date,
    sync: boolean,
  ): Promise<{ executionId: string; replayed: boolean; started?: StartExecutionResult }> {
    let claimed: string | undefined;
    if (key) {
      const candidate = randomUUID();
      claimed = await this.triggers.claimIdempotencyKey(trigger.id, key, candidate, now);
      if (claimed !== candidate) return { executionId: claimed, replayed: true };
    }
    let started: StartExecutionResult | undefined;
    try {
      started = await this.starter.start(
        {
          workspaceId: trigger.workspaceId,
          workflowId: trigger.workflowId,
          executionId: claimed,
          trigger: 'webhook',
          input,
          // An async caller never waits for the run, so it never runs in the request.
          mode: sync ? triggerModeOf(trigger) : 'queued',
        },
        workflow,
      );
    } catch (error) {
      if (!claimed || !isDuplicateStart(error)) {
        if (claimed) await this.triggers.releaseIdempotencyKey(trigger.id, key as string, claimed);
        const message = error instanceof Error ? error.message : String(error);
        await this.triggers.recordCallRun(trigger, claimed ?? randomUUID(), message);
        throw error;
      }
    }
    const executionId = started?.executionId ?? (claimed as string);
    await this.triggers.recordCallRun(trigger, executionId, null);
    return { executionId, replayed: false, started };
  }

  /**
   * Waits for the execution to end: woken by the in-process engine's terminal event, with a slow
   * re-read of the journal for runs another process finishes. Null at the deadline.
   */
  private async waitForResult(executionId: string, timeoutMs: number): Promise<Record<string, unknown> | null> {
    const deadline = Date.now() + timeoutMs;
    let wake: () => void = () => undefined;
    const unsubscribe = this.events.subscribe((event) => {
      if (event.executionId === executionId && TERMINAL_EVENTS.has(event.type)) wake();
    });
    try {
      for (;;) {
        // Subscribed before reading, so an end between the read and the wait still wakes us.
        const woken = new Promise<void>((resolve) => (wake = resolve));
        const execution = (await this.store.findExecution(executionId))?.execution;
        if (execution && isTerminalStatus(execution.status)) return resultOf(executionId, execution);
        const left = deadline - Date.now();
        if (left <= 0) return null;
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          woken,
          new Promise((resolve) => (timer = setTimeout(resolve, Math.min(left, SYNC_RECHECK_MS)))),
        ]);
        clearTimeout(timer);
      }
    } finally {
      unsubscribe();
    }
  }
}

function resultOf(
  executionId: string,
  execution: Pick<StartExecutionResult, 'status' | 'output' | 'error' | 'cause'>,
): Record<string, unknown> {
  return {
    executionId,
    status: execution.status,
    output: execution.output,
    error: execution.error,
    cause: execution.cause,
  };
}

const reply = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): WebhookReply => ({
  status,
  headers,
  body: status >= 400 ? { statusCode: status, ...body } : body,
});
