import { BadRequestException, type Type } from '@nestjs/common';
import { createValidationPipe } from '../../common/validation.pipe';
import { CronTriggerDto } from './cron-trigger.dto';
import { FormTriggerDto } from './form-trigger.dto';
import { OnceTriggerDto } from './once-trigger.dto';
import { WebhookTriggerDto } from './webhook-trigger.dto';

export type TriggerBody = CronTriggerDto | WebhookTriggerDto | FormTriggerDto | OnceTriggerDto;

/** The body classes by `type`: the discriminator picks which one validates the request. */
export const TRIGGER_BODY_CLASSES: Record<TriggerBody['type'], Type<TriggerBody>> = {
  cron: CronTriggerDto,
  webhook: WebhookTriggerDto,
  form: FormTriggerDto,
  once: OnceTriggerDto,
};

const pipe = createValidationPipe();

/**
 * Validates a create/replace body against the class its `type` names, with the app's pipe
 * (same whitelist and messages), so a cron field on a webhook is refused by name.
 */
export async function parseTriggerBody(body: unknown): Promise<TriggerBody> {
  const type = typeof body === 'object' && body !== null ? (body as { type?: unknown }).type : undefined;
  const metatype = typeof type === 'string' ? TRIGGER_BODY_CLASSES[type as TriggerBody['type']] : undefined;
  if (!metatype) {
    throw new BadRequestException({
      statusCode: 400,
      error: 'VALIDATION_FAILED',
      message: [`type must be one of ${Object.keys(TRIGGER_BODY_CLASSES).join(', ')}`],
    });
  }
  return (await pipe.transform(body, { type: 'body', metatype })) as TriggerBody;
}
