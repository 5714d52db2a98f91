import type { RequestedMode } from '@baton/engine';
import type { TriggerRecord } from '@baton/persistence';
import type { CronSpec } from './cron/cron-schedule';
import type { CatchUpPolicy } from './cron/plan-due-runs';
import type { FormFieldDto, FormResponse } from './dto/form-trigger.dto';
import type { ResponseMode, WebhookMethod } from './dto/webhook-trigger.dto';

/** The stored `config` of each trigger type (the secret is never part of it). */
export interface CronConfig extends CronSpec {
  catchUp: CatchUpPolicy;
}
export interface OnceConfig {
  at: string;
}
export interface WebhookConfig {
  signed: boolean;
  responseMode: ResponseMode;
  methods: WebhookMethod[];
  rateLimitPerMinute?: number;
}
export type FormField = FormFieldDto;
export interface FormConfig {
  title?: string;
  fields: FormField[];
  thankYou: string;
  /** Forms saved before it existed answer `thank-you`. */
  response?: FormResponse;
}

export const DEFAULT_THANK_YOU = 'Thank you, your submission was received.';

/** How the trigger's runs start; triggers saved before it existed run `auto`. */
export const triggerModeOf = (t: TriggerRecord): RequestedMode =>
  ((t.config as { mode?: RequestedMode }).mode ?? 'auto') as RequestedMode;

export const cronConfigOf = (t: TriggerRecord) => t.config as unknown as CronConfig;
export const webhookConfigOf = (t: TriggerRecord) => t.config as unknown as WebhookConfig;
export const formConfigOf = (t: TriggerRecord) => t.config as unknown as FormConfig;
export const onceConfigOf = (t: TriggerRecord) => t.config as unknown as OnceConfig;
