import { Inject, Injectable } from '@nestjs/common';
import { TriggerRepository, WorkflowRepository, type TriggerRecord, type TriggerRunRecord } from '@baton/persistence';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Principal } from '../auth/principal';
import { notFound, validationFailed } from '../common/domain.error';
import { BATON_CONFIG } from '../config/baton-config.token';
import type { BatonConfig } from '../config/baton-config';
import { SecretBox } from '../secrets/secret-box';
import { buildTriggerConfig, hasPublicUrl } from './build-trigger-config';
import { nextCronRun, nextCronRuns } from './cron/cron-schedule';
import type { TriggerBody } from './dto/trigger-body';
import { cronConfigOf, onceConfigOf, webhookConfigOf } from './trigger-config';
import { TriggerClock } from './trigger-clock';

export interface SavedTrigger {
  trigger: TriggerRecord;
  /** The webhook signing secret, present only when this call created it. */
  secret?: string;
}

export interface PreviewedRuns {
  timezone: string;
  runs: Date[];
}

/** Creates, changes and reads a workspace's triggers. */
@Injectable()
export class TriggersService {
  constructor(
    private readonly triggers: TriggerRepository,
    private readonly workflows: WorkflowRepository,
    private readonly secrets: SecretBox,
    private readonly clock: TriggerClock,
    @Inject(BATON_CONFIG) private readonly config: BatonConfig,
  ) {}

  async create(principal: Principal, workflowId: string, body: TriggerBody): Promise<SavedTrigger> {
    if (!(await this.workflows.findInWorkspace(principal.workspaceId, workflowId)))
      throw notFound('Workflow', workflowId);
    const now = this.clock.now();
    const config = buildTriggerConfig(body, { minIntervalSeconds: this.config.triggers.cronMinIntervalSeconds, now });
    const secret = body.type === 'webhook' && body.signed ? newSecret() : undefined;
    const trigger = await this.triggers.create({
      id: randomUUID(),
      workspaceId: principal.workspaceId,
      workflowId,
      type: body.type,
      config,
      // 32 random bytes: the token is the only thing guarding a public URL.
      token: hasPublicUrl(body.type) ? randomBytes(32).toString('base64url') : null,
      secretSealed: secret ? this.secrets.encrypt(secret) : null,
      enabled: body.enabled ?? true,
      nextRunAt: firstRunAt(body.type, config, now),
    });
    return { trigger, secret };
  }

  async list(principal: Principal, workflowId: string): Promise<TriggerRecord[]> {
    if (!(await this.workflows.findInWorkspace(principal.workspaceId, workflowId)))
      throw notFound('Workflow', workflowId);
    return this.triggers.listForWorkflow(principal.workspaceId, workflowId);
  }

  async get(principal: Principal, id: string): Promise<TriggerRecord> {
    const trigger = await this.triggers.findInWorkspace(principal.workspaceId, id);
    if (!trigger) throw notFound('Trigger', id);
    return trigger;
  }

  /** Replaces the settings (the type stays); a schedule change recomputes the next run. */
  async replace(principal: Principal, id: string, body: TriggerBody): Promise<SavedTrigger> {
    const current = await this.get(principal, id);
    if (body.type !== current.type) {
      throw validationFailed(
        `type: a ${current.type} trigger cannot become ${body.type}; delete it and create a new one`,
      );
    }
    const now = this.clock.now();
    const config = buildTriggerConfig(body, { minIntervalSeconds: this.config.triggers.cronMinIntervalSeconds, now });
    let secret: string | undefined;
    let secretSealed: string | null | undefined;
    if (body.type === 'webhook') {
      const wasSigned = webhookConfigOf(current).signed;
      if (body.signed && !wasSigned) secret = newSecret();
      // Turning signing on issues a secret (shown once); keeping it on keeps the old one.
      secretSealed = body.signed ? (secret ? this.secrets.encrypt(secret) : undefined) : null;
    }
    const updated = await this.triggers.update(principal.workspaceId, id, {
      config,
      enabled: body.enabled ?? current.enabled,
      nextRunAt: firstRunAt(body.type, config, now),
      secretSealed,
    });
    if (!updated) throw notFound('Trigger', id);
    return { trigger: updated, secret };
  }

  async remove(principal: Principal, id: string): Promise<void> {
    if (!(await this.triggers.delete(principal.workspaceId, id))) throw notFound('Trigger', id);
  }

  async runs(principal: Principal, id: string, limit = 100): Promise<TriggerRunRecord[]> {
    await this.get(principal, id);
    return this.triggers.listRuns(id, limit);
  }

  /** The next `count` instants the trigger would fire (from `from`, default now). */
  async nextRuns(principal: Principal, id: string, count: number, from?: Date): Promise<PreviewedRuns> {
    const trigger = await this.get(principal, id);
    const start = from ?? this.clock.now();
    if (trigger.type === 'cron') {
      const spec = cronConfigOf(trigger);
      return { timezone: spec.timezone, runs: nextCronRuns(spec, new Date(start.getTime() - 1), count) };
    }
    if (trigger.type === 'once') {
      const at = new Date(onceConfigOf(trigger).at);
      return { timezone: 'UTC', runs: trigger.nextRunAt && at.getTime() >= start.getTime() ? [at] : [] };
    }
    throw validationFailed(`next-runs: a ${trigger.type} trigger runs when it is called, not on a schedule`);
  }
}

/** `whsec_` marks the value as a webhook secret in logs and secret scanners. */
const newSecret = () => `whsec_${randomBytes(32).toString('hex')}`;

function firstRunAt(type: TriggerBody['type'], config: Record<string, unknown>, now: Date): Date | null {
  if (type === 'cron') return nextCronRun(config as never, now);
  if (type === 'once') return new Date((config as { at: string }).at);
  return null;
}
