import type { TriggerRecord, TriggerRunRecord } from '@baton/persistence';
import type { TriggerDto, TriggerRunDto } from './dto/trigger.response.dto';

/** The public path of a webhook or form trigger, relative to the server's origin. */
export function publicPathOf(trigger: Pick<TriggerRecord, 'type' | 'token'>): string | null {
  if (!trigger.token) return null;
  return trigger.type === 'webhook' ? `/api/hooks/${trigger.token}` : `/api/forms/${trigger.token}`;
}

/**
 * `withUrl`: whether the caller may see the public URL. Its token alone starts runs, so viewers
 * (who may not start runs) never get it.
 */
export function toTriggerDto(trigger: TriggerRecord, origin: string, secret?: string, withUrl = true): TriggerDto {
  const path = withUrl ? publicPathOf(trigger) : null;
  return {
    id: trigger.id,
    workflowId: trigger.workflowId,
    type: trigger.type,
    enabled: trigger.enabled,
    ...trigger.config,
    ...(path ? { url: `${origin}${path}` } : {}),
    ...(secret ? { secret } : {}),
    nextRunAt: trigger.nextRunAt?.toISOString() ?? null,
    lastRunAt: trigger.lastRunAt?.toISOString() ?? null,
    createdAt: trigger.createdAt.toISOString(),
    updatedAt: trigger.updatedAt.toISOString(),
  };
}

export function toTriggerRunDto(run: TriggerRunRecord): TriggerRunDto {
  return {
    id: run.id,
    executionId: run.executionId,
    scheduledFor: run.scheduledFor?.toISOString() ?? null,
    error: run.error,
    createdAt: run.createdAt.toISOString(),
  };
}
