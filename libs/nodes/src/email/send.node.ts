import { InvalidInputError, type NodeContext, type NodeType, PermanentError, TransientError } from '@baton/engine';
import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { createTransport } from 'nodemailer';
import { credentialIdSetting, readCredential } from '../credentials/read-credential.js';
import { defaultGuardedHostResolver } from '../net/create-guarded-host-resolver.js';

interface EmailAttachment {
  filename: string;
  content: string;
  encoding?: 'utf8' | 'base64';
  contentType?: string;
}

type Addresses = string | string[];

interface EmailSendSettings {
  credentialId: string;
  from: string;
  to: Addresses;
  cc?: Addresses;
  bcc?: Addresses;
  replyTo?: Addresses;
  subject: string;
  text?: string;
  html?: string;
  attachments: EmailAttachment[];
  timeoutMs: number;
}

/** Largest total of decoded attachment bytes one message carries (artifacts will lift this). */
export const MAX_EMAIL_ATTACHMENT_BYTES = 10 * 1024 * 1024;

const addresses = (description: string) => ({
  description: `${description}: one address, a comma-separated list or an array ("Ann <ann@example.com>")`,
});

/** Sends one email through the SMTP server of an `smtp` credential (nodemailer). */
export const emailSendNode: NodeType<EmailSendSettings> = {
  type: 'email.send',
  version: 1,
  title: 'Send email',
  group: 'action',
  description: 'Sends an email over SMTP; outputs { messageId, accepted, rejected, response }.',
  inputs: [{ name: 'in', dataType: 'any' }],
  outputs: [{ name: 'out', dataType: 'object' }],
  settingsSchema: {
    type: 'object',
    properties: {
      credentialId: credentialIdSetting(['smtp']),
      from: { type: 'string', description: 'Sender, e.g. "Baton <bot@example.com>"' },
      to: addresses('Recipients'),
      cc: addresses('Copy recipients'),
      bcc: addresses('Blind copy recipients (in the envelope only)'),
      replyTo: addresses('Reply-To'),
      subject: { type: 'string' },
      text: { type: 'string', description: 'Plain-text body' },
      html: { type: 'string', description: 'HTML body' },
      attachments: {
        type: 'array',
        default: [],
        description: `Inline attachments, at most ${MAX_EMAIL_ATTACHMENT_BYTES} bytes in all`,
        items: {
          type: 'object',
          properties: {
            filename: { type: 'string' },
            content: { type: 'string' },
            encoding: { type: 'string', enum: ['utf8', 'base64'], default: 'utf8' },
            contentType: { type: 'string' },
          },
          required: ['filename', 'content'],
        },
      },
      timeoutMs: { type: 'integer', minimum: 1, default: 30_000 },
    },
    required: ['credentialId', 'from', 'to', 'subject'],
  },
  credentialKinds: ['smtp'],
  outputSchema: {
    type: 'object',
    properties: {
      messageId: { type: 'string' },
      accepted: { type: 'array', items: { type: 'string' } },
      rejected: { type: 'array', items: { type: 'string' } },
      response: { type: 'string' },
    },
    required: ['messageId', 'accepted', 'rejected', 'response'],
  },
  canStart: false,
  // A resend is a second email; the Message-ID derived from the idempotency key lets receivers dedupe.
  replaySafe: false,
  retryDefaults: { maxAttempts: 3, initialIntervalMs: 2000, backoffRate: 2 },
  traits: { callsExternal: true, estimatedDurationMs: 1000 },
  async run({ settings }, ctx) {
    const attachments = checkAttachments(settings.attachments ?? []);
    const { values: smtp } = await readCredential(ctx, settings.credentialId, 'smtp');
    const resolve = ctx.services.resolveOutboundHost ?? defaultGuardedHostResolver();
    const address = await resolve(smtp.host);
    const transport = createTransport({
      // Connect to the address the policy checked; TLS still verifies the certificate of the name.
      host: address,
      port: smtp.port,
      secure: smtp.secure,
      ...(isIP(smtp.host) ? {} : { tls: { servername: smtp.host } }),
      ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
      connectionTimeout: settings.timeoutMs,
      greetingTimeout: settings.timeoutMs,
      socketTimeout: settings.timeoutMs,
    });
    const abort = () => transport.close();
    ctx.signal.addEventListener('abort', abort, { once: true });
    try {
      const info = await transport.sendMail({
        from: settings.from,
        to: settings.to,
        cc: settings.cc,
        bcc: settings.bcc,
        replyTo: settings.replyTo,
        subject: settings.subject,
        text: settings.text,
        html: settings.html,
        attachments,
        messageId: messageIdFor(ctx, settings.from),
      });
      return {
        output: {
          messageId: info.messageId,
          accepted: info.accepted.map(String),
          rejected: info.rejected.map(String),
          response: info.response,
        },
      };
    } catch (error) {
      if (ctx.signal.aborted) throw ctx.signal.reason;
      throw smtpFailure(error);
    } finally {
      ctx.signal.removeEventListener('abort', abort);
      transport.close();
    }
  },
};

function checkAttachments(attachments: EmailAttachment[]) {
  let total = 0;
  const checked = attachments.map((attachment, index) => {
    if (!attachment || typeof attachment.filename !== 'string' || typeof attachment.content !== 'string')
      throw new InvalidInputError(`attachments[${index}] needs a filename and a string content`, 'INVALID_ATTACHMENT');
    const encoding = attachment.encoding ?? 'utf8';
    const content = Buffer.from(attachment.content, encoding);
    total += content.length;
    return { filename: attachment.filename, content, contentType: attachment.contentType };
  });
  if (total > MAX_EMAIL_ATTACHMENT_BYTES)
    throw new InvalidInputError(
      `Attachments hold ${total} bytes; at most ${MAX_EMAIL_ATTACHMENT_BYTES} are sent`,
      'ATTACHMENTS_TOO_LARGE',
    );
  return checked;
}

/** One Message-ID per attempt key, so a receiver can tell a replayed delivery of the same attempt. */
function messageIdFor(ctx: NodeContext, from: string): string {
  const digest = createHash('sha256').update(ctx.idempotencyKey).digest('hex').slice(0, 32);
  const domain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? 'baton.invalid';
  return `<${digest}@${domain}>`;
}

// nodemailer's codes: connection, greeting, DNS and socket trouble may pass; a 4xx reply is the
// server asking to try later (RFC 5321 §4.2.1); 5xx, bad auth and refused envelopes will not change.
const TRANSIENT_SMTP_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNRESET', 'ECONNREFUSED']);

function smtpFailure(error: unknown): Error {
  const shape = (error ?? {}) as { code?: unknown; responseCode?: unknown; message?: unknown };
  const message = typeof shape.message === 'string' ? shape.message : String(error);
  const code = typeof shape.code === 'string' ? shape.code : 'SMTP_ERROR';
  const reply = typeof shape.responseCode === 'number' ? shape.responseCode : undefined;
  if (reply !== undefined && reply >= 400 && reply < 500) return new TransientError(message, `SMTP_${reply}`);
  if (reply !== undefined && reply >= 500)
    return new PermanentError(message, code === 'SMTP_ERROR' ? `SMTP_${reply}` : code);
  if (TRANSIENT_SMTP_CODES.has(code)) return new TransientError(message, code);
  return error instanceof Error ? error : new PermanentError(message, code);
}
