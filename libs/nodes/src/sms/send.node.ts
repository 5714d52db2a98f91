import {
  defaultOutboundFetch,
  InvalidInputError,
  type NodeType,
  PermanentError,
  TimeoutError,
  TransientError,
} from '@baton/engine';
import { credentialIdSetting, readCredential } from '../credentials/read-credential.js';

interface SmsSendSettings {
  credentialId: string;
  to: string;
  body: string;
  from?: string;
  timeoutMs: number;
}

// Twilio's own limits: E.164 numbers, 1,600 characters per (concatenated) message.
const E164 = /^\+[1-9]\d{1,14}$/;
const MAX_BODY_CHARS = 1600;
const MAX_TIMEOUT_MS = 120_000;

/** Sends one SMS through a Twilio-compatible REST API (`sms.twilio` credential). */
export const smsSendNode: NodeType<SmsSendSettings> = {
  type: 'sms.send',
  version: 1,
  title: 'Send SMS',
  group: 'action',
  description: 'Sends an SMS through a Twilio-compatible API; outputs { sid, status, to, from, segments }.',
  inputs: [{ name: 'in', dataType: 'any' }],
  outputs: [{ name: 'out', dataType: 'object' }],
  settingsSchema: {
    type: 'object',
    properties: {
      credentialId: credentialIdSetting(['sms.twilio']),
      to: { type: 'string', description: 'Recipient in E.164 form, e.g. +14155550100' },
      body: { type: 'string', description: `Message text, at most ${MAX_BODY_CHARS} characters` },
      from: { type: 'string', description: 'Sender number; defaults to the credential’s' },
      timeoutMs: { type: 'integer', minimum: 1, default: 30_000, description: `At most ${MAX_TIMEOUT_MS} ms.` },
    },
    required: ['credentialId', 'to', 'body'],
  },
  credentialKinds: ['sms.twilio'],
  outputSchema: {
    type: 'object',
    properties: {
      sid: { type: 'string' },
      status: { type: 'string' },
      to: { type: 'string' },
      from: { type: 'string' },
      segments: { type: 'integer' },
    },
    required: ['sid', 'status', 'to'],
  },
  canStart: false,
  // A replay sends a second SMS: Twilio's Messages API takes no idempotency key to dedupe on.
  replaySafe: false,
  retryDefaults: { maxAttempts: 3, initialIntervalMs: 2000, backoffRate: 2 },
  traits: { callsExternal: true, estimatedDurationMs: 1000 },
  async run({ settings }, ctx) {
    const to = String(settings.to ?? '').trim();
    const body = String(settings.body ?? '');
    if (!E164.test(to))
      throw new InvalidInputError(`to "${to}" is not an E.164 number (+<country><number>)`, 'INVALID_PHONE_NUMBER');
    if (!body) throw new InvalidInputError('body must not be empty', 'INVALID_SETTING');
    if (body.length > MAX_BODY_CHARS)
      throw new InvalidInputError(`body is ${body.length} characters; at most ${MAX_BODY_CHARS}`, 'SMS_BODY_TOO_LONG');
    const timeoutMs = settings.timeoutMs ?? 30_000;
    if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > MAX_TIMEOUT_MS)
      throw new InvalidInputError(`timeoutMs must be an integer between 1 and ${MAX_TIMEOUT_MS}`, 'INVALID_SETTING');
    const { values } = await readCredential(ctx, settings.credentialId, 'sms.twilio');
    const from = settings.from || values.from;
    const url = `${values.baseUrl.replace(/\/+$/, '')}/2010-04-01/Accounts/${encodeURIComponent(values.accountSid)}/Messages.json`;
    const doFetch = ctx.services.fetch ?? defaultOutboundFetch();
    const timeout = AbortSignal.timeout(timeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await doFetch(url, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${values.accountSid}:${values.authToken}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: new URLSearchParams({ To: to, From: from, Body: body }).toString(),
        signal: AbortSignal.any([ctx.signal, timeout]),
      });
      text = await response.text();
    } catch (error) {
      if (ctx.signal.aborted) throw ctx.signal.reason;
      if (timeout.aborted) throw new TimeoutError(`The SMS API did not answer within ${timeoutMs} ms`);
      throw error;
    }
    const answer = parseJson(text);
    if (!response.ok) throw twilioFailure(response.status, answer);
    if (typeof answer?.sid !== 'string')
      throw new PermanentError('The SMS API answered without a message sid', 'SMS_INVALID_RESPONSE');
    return {
      output: {
        sid: answer.sid,
        status: String(answer.status ?? 'unknown'),
        to: String(answer.to ?? to),
        from: String(answer.from ?? from),
        segments: Number(answer.num_segments ?? 1),
      },
    };
  },
};

function parseJson(text: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Twilio's error document says `code` and `message`; 429 and 5xx may pass, the rest will not. */
function twilioFailure(status: number, answer: Record<string, unknown> | null): Error {
  const code = typeof answer?.code === 'number' ? answer.code : undefined;
  const message = `The SMS API refused the message: HTTP ${status}${code ? `, Twilio error ${code}` : ''}: ${String(answer?.message ?? 'no details')}`;
  const errorCode = code ? `SMS_${code}` : `SMS_HTTP_${status}`;
  if (status === 429 || status >= 500) return new TransientError(message, errorCode);
  return new PermanentError(message, errorCode);
}
