import type { TriggerType } from '@baton/persistence';
import { validationFailed } from '../common/domain.error';
import { checkCronSpec } from './cron/cron-schedule';
import { compileFieldPattern } from './forms/compile-field-pattern';
import type { TriggerBody } from './dto/trigger-body';
import { DEFAULT_THANK_YOU, type FormField } from './trigger-config';

/**
 * Turns a validated body into the stored config, checking what class-validator cannot: the cron
 * expression and zone, the one-time instant, and form field rules. Each problem names its field.
 */
export function buildTriggerConfig(
  body: TriggerBody,
  context: { minIntervalSeconds: number; now: Date },
): Record<string, unknown> {
  const problems: string[] = [];
  let config: Record<string, unknown>;
  switch (body.type) {
    case 'cron': {
      const spec = { expression: body.expression.trim().replace(/\s+/g, ' '), timezone: body.timezone ?? 'UTC' };
      problems.push(...checkCronSpec(spec, context.minIntervalSeconds, context.now));
      config = { ...spec, catchUp: body.catchUp ?? 'none' };
      break;
    }
    case 'once': {
      // Strict ISO 8601 without a zone would be read in the server's zone: require one.
      if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(body.at))
        problems.push('at: must include a time zone ("Z" or an offset like +02:00)');
      config = { at: new Date(body.at).toISOString() };
      break;
    }
    case 'webhook':
      config = {
        signed: body.signed ?? false,
        responseMode: body.responseMode ?? 'async',
        methods: [...new Set(body.methods ?? ['POST'])],
        ...(body.rateLimitPerMinute !== undefined ? { rateLimitPerMinute: body.rateLimitPerMinute } : {}),
      };
      break;
    case 'form':
      problems.push(...checkFormFields(body.fields));
      config = {
        ...(body.title ? { title: body.title } : {}),
        fields: body.fields.map((f) => ({ ...f })),
        thankYou: body.thankYou ?? DEFAULT_THANK_YOU,
        response: body.response ?? 'thank-you',
      };
      break;
  }
  if (problems.length) throw validationFailed(problems.join('; '), { problems });
  // Cron and one-time runs always queue: the scheduler's tick must never wait for a workflow.
  return body.type === 'webhook' || body.type === 'form' ? { ...config, mode: body.mode ?? 'auto' } : config;
}

function checkFormFields(fields: FormField[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  fields.forEach((field, i) => {
    const at = `fields.${i}`;
    if (seen.has(field.name)) problems.push(`${at}.name: "${field.name}" is used by another field`);
    seen.add(field.name);
    if (field.type === 'select' && !field.options?.length)
      problems.push(`${at}.options: a select field needs at least one option`);
    if (field.pattern !== undefined) {
      try {
        compileFieldPattern(field.pattern);
      } catch (error) {
        problems.push(
          `${at}.pattern: is not a regular expression Baton can match in linear time (RE2 syntax; no back-references or look-arounds): ${(error as Error).message}`,
        );
      }
    }
    if (field.min !== undefined && field.max !== undefined && field.min > field.max)
      problems.push(`${at}.min: is greater than max`);
    if (field.minLength !== undefined && field.maxLength !== undefined && field.minLength > field.maxLength) {
      problems.push(`${at}.minLength: is greater than maxLength`);
    }
  });
  return problems;
}

/** Tokens only exist for triggers reached from outside. */
export const hasPublicUrl = (type: TriggerType): type is 'webhook' | 'form' => type === 'webhook' || type === 'form';
